import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import remixConfig from './remix.config.js';

// Libraries the browser caches apart from the app's own code: one big shared chunk split in
// four that change at other times (issue 12: a newcomer's first build warned about its size).
const vendorChunks: [RegExp, string][] = [
  [/node_modules\/(react|react-dom|scheduler)\//, 'react'],
  [/node_modules\/(@remix-run|react-router|react-router-dom|turbo-stream)\//, 'remix'],
  [/node_modules\/(i18next|react-i18next|i18next-[a-z-]+|remix-i18next)\//, 'i18n'],
  [/node_modules\/(xstate|@xstate)\//, 'xstate'],
];

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [remix(remixConfig)],
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  server: { port: 3000 },
  build: {
    target: 'es2022',
    rollupOptions: {
      // Resource routes (JSON, SSE, CSV) have no browser code: their empty chunks are expected.
      onwarn(warning, warn) {
        if (warning.code === 'EMPTY_BUNDLE') return;
        warn(warning);
      },
      output: isSsrBuild ? {} : { manualChunks: (id: string) => vendorChunks.find(([pattern]) => pattern.test(id))?.[1] },
    },
  },
}));
