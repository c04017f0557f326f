import { type Result, ok, refused } from '~/lib/result';
import blocklist from '../../content/moderation/nickname-blocklist.json';

/** What can be wrong with a nickname: reasons of app/sessions/reasons.ts, each with its kind message. */
export type NicknameProblem = 'nicknameLength' | 'nicknameContact' | 'nicknameUnkind' | 'nicknameCharacters';

const lookAlikes: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

/** Lower case, no accents, look-alike digits and signs read as letters. */
function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[013457@$!]/g, (c) => lookAlikes[c] ?? c);
}

const blockedWords = new Set((blocklist.words as string[]).map((w) => plain(w).replace(/[^a-z]/g, '')).filter((w) => w.length >= 3));
/** Long enough not to hide inside ordinary names, so also refused at the start or end of a word ("sukkeltje"). */
const blockedStems = [...blockedWords].filter((w) => w.length >= 5);

/**
 * Words, not substrings: "Hoera", "Steef" and "Yoshito" are names, not insults. A word is
 * refused when it is on the list, starts or ends with a long listed word, or when the whole
 * nickname spelled out letter by letter ("k.u.t") is a listed word.
 */
function isUnkind(nickname: string): boolean {
  const text = plain(nickname);
  const words = text.split(/[^a-z]+/).filter(Boolean);
  if (blockedWords.has(text.replace(/[^a-z]/g, ''))) return true;
  return words.some((word) => blockedWords.has(word) || blockedStems.some((stem) => word.startsWith(stem) || word.endsWith(stem)));
}

const contactPatterns = [
  /@/, // an e-mail address or a handle
  /\(at\)|\[at\]|\{at\}/, // an e-mail address written out
  /(https?:|www\.|\.(com|be|nl|fr|net|org|eu|io|me|ly|gg|tv)\b)/,
  /\b(gmail|hotmail|outlook|yahoo|icloud|telenet|skynet|proximus)\b/,
  /\b(snap|snapchat|insta|instagram|tiktok|tik tok|whatsapp|telegram|discord|facebook|fb|ig|sc|wa)\b/,
  /\b(gsm|tel|phone|bel me|call me|appelle)\b/,
];

// Numbers written out (Dutch, French, English): "nul vier zeven…" is a phone number too.
const numberWords = [
  'nul',
  'een',
  'één',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'zero',
  'zéro',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'one',
  'two',
  'three',
  'four',
  'five',
  'seven',
  'eight',
  'nine',
  'ten',
]
  .map((w) => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
  .sort((a, b) => b.length - a.length);
/** Too short to look for inside words ("un" is in "Luna"): counted only standing alone. */
const shortNumberWords = new Set(['un', 'une', 'oh']);

/** How many digits and written-out numbers the nickname holds (inside words too: "nulvierzeven"). */
function numbersIn(lower: string): number {
  let count = (lower.match(/\d/g) ?? []).length;
  const plainText = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  for (const token of plainText.split(/[^a-z]+/).filter(Boolean)) {
    if (shortNumberWords.has(token)) {
      count += 1;
      continue;
    }
    for (let at = 0; at < token.length;) {
      const word = numberWords.find((w) => token.startsWith(w, at));
      if (word) {
        count += 1;
        at += word.length;
      } else at += 1;
    }
  }
  return count;
}

// Format characters (bidi overrides and isolates, zero-width spaces, soft hyphens…), except the
// zero-width joiner that emoji are made of.
const formatCharacter = /(?!\u200d)\p{Cf}/u;
const controlCharacter = /\p{Cc}/u;
// Blanks that show nothing but are not white space to a regular expression.
const invisibles = /[\s\p{M}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** Control and format characters, nothing visible, or a flood of combining marks (Zalgo). */
function hasBadCharacters(nickname: string): boolean {
  if (controlCharacter.test(nickname) || formatCharacter.test(nickname)) return true;
  if ([...nickname.replace(invisibles, '')].length < 2) return true;
  const marks = nickname.match(/\p{M}/gu) ?? [];
  return /\p{M}{3,}/u.test(nickname) || marks.filter((m) => m !== '\ufe0f').length > 3;
}

/**
 * A nickname, normalised (NFKC, so look-alike letters from other scripts' compatibility forms
 * are read as the letters they are), is 2–20 characters, all of them visible and ordinary
 * (no control or direction characters, no mark floods), and carries no way to reach her (an
 * e-mail address, a phone number in digits or in words, a link, a social-media handle) and no
 * insult. The refusal says which, kindly; when fine, the nickname to store.
 */
export function checkNickname(input: string): Result<string, NicknameProblem> {
  const nickname = input.normalize('NFKC').trim();
  const length = [...nickname].length;
  if (length < 2 || length > 20) return refused('nicknameLength');
  if (hasBadCharacters(nickname)) return refused('nicknameCharacters');
  const lower = nickname.toLowerCase();
  // Five digits or numbers make a phone number likely, even in parts.
  if (numbersIn(lower) >= 5 || contactPatterns.some((pattern) => pattern.test(lower))) return refused('nicknameContact');
  if (isUnkind(nickname)) return refused('nicknameUnkind');
  return ok(nickname);
}

/** What is wrong with a nickname, or null (see `checkNickname`). */
export function nicknameProblem(input: string): NicknameProblem | null {
  const checked = checkNickname(input);
  return checked.ok ? null : checked.reason;
}
