import type { Resource } from 'i18next';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

/** Every locale's every namespace, read from app/i18n/locales/<lng>/<ns>.json. */
export const resources: Resource = {};
for (const [file, module] of Object.entries(files)) {
  const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file)!;
  resources[language!] ??= {};
  resources[language!]![namespace!] = module.default;
}
