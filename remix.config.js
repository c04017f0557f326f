// The Remix app config: the one source of truth, imported by vite.config.ts.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: 'app',
  buildDirectory: 'build',
  serverModuleFormat: 'esm',
  ignoredRouteFiles: ['**/*.test.*', '**/.*'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Decided, not forgotten: loaders answer plain JSON (`?_data=`, which tests and the
    // polling fallback read); saying so also keeps the start-up log free of the notice.
    v3_singleFetch: false,
  },
};
