import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nConfig, supportedLanguages } from '~/i18n/config';
import { resources } from '~/i18n/resources.server';
import { type Reason, messageOf, reasonTables, reasons, statusOf } from '~/reasons';
import { refusal } from '~/lib/refusal.server';

const i18n = createInstance();
await i18n.init({ ...i18nConfig, resources, fallbackLng: false });

describe('the reasons registry (decision 0022)', () => {
  const names = Object.keys(reasons) as Reason[];

  it('names each reason in one area only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, table] of Object.entries(reasonTables)) {
      for (const name of Object.keys(table)) {
        if (seen.has(name)) twice.push(`${name} (${seen.get(name)} and ${area})`);
        seen.set(name, area);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(names.length);
  });

  for (const reason of names) {
    it(`${reason}: a client-error status and a message in every language`, async () => {
      const status = statusOf(reason);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      for (const language of supportedLanguages) {
        const key = messageOf(reason);
        expect(i18n.exists(key, { lng: language }), `${key} in ${language}`).toBe(true);
        const text = i18n.t(key, { lng: language, status });
        expect(text).not.toBe(key);
        expect(text.trim().length).toBeGreaterThan(3);
      }
      const response = refusal(reason);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ reason, message: messageOf(reason) });
    });
  }
});
