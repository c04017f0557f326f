import { describe, expect, it } from 'vitest';
import { nicknameProblem } from '~/sessions/nickname';

describe('nicknameProblem', () => {
  it('accepts ordinary nicknames, also names with a listed word hidden inside', () => {
    for (const nickname of ['Zonnetje', 'Sara', 'Lulu', 'Steef', 'Hoera', 'Yoshito', 'Anne Gerda', 'Kim 12', 'Élodie', 'Mo']) {
      expect(nicknameProblem(nickname), nickname).toBeNull();
    }
  });

  it('refuses 1 or 21 characters, counting letters, not bytes', () => {
    expect(nicknameProblem('S')).toBe('length');
    expect(nicknameProblem('  S  ')).toBe('length');
    expect(nicknameProblem('a'.repeat(21))).toBe('length');
    expect(nicknameProblem('é'.repeat(20))).toBeNull();
  });

  it('refuses contact details in their usual disguises', () => {
    for (const nickname of ['0470 12 34 56', 'sara@mail.be', 'sara(at)gmail', 'sara gmail', 'www.sara-danst.be', '@sara_2012', 'snapchat: sara', 'insta sara', 'wa 0470', 'bel me']) {
      expect(nicknameProblem(nickname), nickname).toBe('contact');
    }
  });

  it('refuses listed words, alone, spelled out, with look-alike digits, or as the start or end of a longer word', () => {
    for (const nickname of ['Sukkeltje', 'kut', 'K.U.T', 'h0er', 'dikke trut', 'kankerlijer', 'Bitch', 's l e t']) {
      expect(nicknameProblem(nickname), nickname).toBe('unkind');
    }
  });
});
