import { describe, expect, it } from 'vitest';
import { checkNickname, nicknameProblem } from '~/sessions/nickname';

describe('nicknameProblem', () => {
  it('accepts ordinary nicknames, also names with a listed word hidden inside', () => {
    for (const nickname of ['Zonnetje', 'Sara', 'Lulu', 'Steef', 'Hoera', 'Yoshito', 'Anne Gerda', 'Kim 12', 'Élodie', 'Mo']) {
      expect(nicknameProblem(nickname), nickname).toBeNull();
    }
  });

  it('refuses 1 or 21 characters, counting letters, not bytes', () => {
    expect(nicknameProblem('S')).toBe('nicknameLength');
    expect(nicknameProblem('  S  ')).toBe('nicknameLength');
    expect(nicknameProblem('a'.repeat(21))).toBe('nicknameLength');
    expect(nicknameProblem('é'.repeat(20))).toBeNull();
  });

  it('refuses contact details in their usual disguises', () => {
    for (const nickname of [
      '0470 12 34 56',
      'sara@mail.be',
      'sara(at)gmail',
      'sara gmail',
      'www.sara-danst.be',
      '@sara_2012',
      'snapchat: sara',
      'insta sara',
      'wa 0470',
      'bel me',
    ]) {
      expect(nicknameProblem(nickname), nickname).toBe('nicknameContact');
    }
  });

  it('refuses listed words, alone, spelled out, with look-alike digits, or as the start or end of a longer word', () => {
    for (const nickname of ['Sukkeltje', 'kut', 'K.U.T', 'h0er', 'dikke trut', 'kankerlijer', 'Bitch', 's l e t']) {
      expect(nicknameProblem(nickname), nickname).toBe('nicknameUnkind');
    }
  });
});

describe('nicknames: hidden characters and numbers in words (issue 11, item 7)', () => {
  it('refuses right-to-left overrides, control characters, zero-width and other format characters', () => {
    for (const nickname of ['Sara\u202Eevil', 'Sa\u2067ra', 'Sara\u0007', 'Sa\u0000ra', 'Sa\u200Bra', 'Sara\u00AD', '\u200FNoa']) {
      expect(nicknameProblem(nickname), JSON.stringify(nickname)).toBe('nicknameCharacters');
    }
  });

  it('refuses names with nothing visible, and floods of combining marks', () => {
    for (const nickname of ['\u3164\u3164\u3164', '\u2800\u2800', ' \u0301\u0301 ', 'Zx\u0301\u0302\u0303a', 'x\u0301q\u0301w\u0301v\u0301j\u0301']) {
      expect(nicknameProblem(nickname), JSON.stringify(nickname)).toBe('nicknameCharacters');
    }
  });

  it('normalises (NFKC) before checking: full-width and compatibility forms read as what they are', () => {
    expect(checkNickname('Ｓａｒａ')).toEqual({ ok: true, value: 'Sara' });
    expect(nicknameProblem('ｋｕｔ')).toBe('nicknameUnkind');
    expect(nicknameProblem('０４７０１２３４')).toBe('nicknameContact');
    expect(checkNickname('Zoe\u0301')).toEqual({ ok: true, value: 'Zoé' });
  });

  it('refuses phone numbers written in words, in Dutch, French and English, spaced or not', () => {
    for (const nickname of [
      'nul vier zes nul een',
      'nulvierzevennuleen',
      'zéro 4 sept un deux',
      'four seven oh one 2',
      '04 zeven 1 twee',
      'drie vier vijf zes 7',
    ]) {
      expect(nicknameProblem(nickname), nickname).toBe('nicknameContact');
    }
  });

  it('still accepts names that hold a number word or an emoji', () => {
    for (const nickname of ['Tweety', 'Luna', 'Eenhoorn', 'Septima', 'Zeventje', 'Noa 🦄', '👩‍🦰 Mila', 'Anne-Sophie']) {
      expect(nicknameProblem(nickname), nickname).toBeNull();
    }
  });
});
