import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLanguage, supportedLanguages } from '~/i18n/config';

const localesDir = new URL('../../app/i18n/locales/', import.meta.url);

function flatKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatKeys(child, prefix ? `${prefix}.${key}` : key));
}

function keysOf(language: string, namespace: string): string[] {
  return flatKeys(JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, localesDir), 'utf8'))).sort();
}

describe('translations', () => {
  it('has a folder for exactly the supported languages', () => {
    expect(readdirSync(localesDir).sort()).toEqual([...supportedLanguages].sort());
  });

  const namespaces = readdirSync(new URL(`${defaultLanguage}/`, localesDir)).map((f) => f.replace(/\.json$/, ''));
  for (const namespace of namespaces) {
    for (const language of supportedLanguages) {
      it(`${language}/${namespace}.json has every key the others have, and no empty text`, () => {
        const all = new Set(supportedLanguages.flatMap((l) => keysOf(l, namespace)));
        const own = new Set(keysOf(language, namespace));
        expect([...all].filter((key) => !own.has(key))).toEqual([]);
        const text = JSON.stringify(JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, localesDir), 'utf8')));
        expect(text).not.toMatch(/:""/);
      });
    }
  }
});
