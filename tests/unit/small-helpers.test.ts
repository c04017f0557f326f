import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '~/lib/safe-redirect';
import { normaliseOrganisationName } from '~/organisations/names';
import { JOIN_CODE_ALPHABET, JOIN_CODE_PATTERN, normaliseJoinCode } from '~/sessions/join-code';

describe('safeRedirectPath', () => {
  it('keeps paths on this site and refuses others', () => {
    expect(safeRedirectPath('/about?x=1')).toBe('/about?x=1');
    expect(safeRedirectPath('//evil.example/')).toBe('/');
    expect(safeRedirectPath('/\\evil.example')).toBe('/');
    expect(safeRedirectPath('https://evil.example')).toBe('/');
    expect(safeRedirectPath(undefined, '/join')).toBe('/join');
  });
});

describe('normaliseOrganisationName', () => {
  it('ignores case, accents, punctuation and spacing', () => {
    expect(normaliseOrganisationName("  Vzw 't Kompas! ")).toBe('vzw t kompas');
    expect(normaliseOrganisationName('Maison  d’Accueil Étoile')).toBe(normaliseOrganisationName('maison d accueil etoile'));
  });
});

describe('join codes', () => {
  it('use no look-alike characters', () => {
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('accept what a girl types, in any case and with spaces or dashes', () => {
    expect(normaliseJoinCode('k7t q2-m')).toBe('K7TQ2M');
    expect(JOIN_CODE_PATTERN.test(normaliseJoinCode('k7t q2-m'))).toBe(true);
    expect(JOIN_CODE_PATTERN.test('K7TQ0M')).toBe(false);
    expect(JOIN_CODE_PATTERN.test('K7TQ2')).toBe(false);
  });
});
