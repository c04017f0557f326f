import blocklist from '../../content/moderation/nickname-blocklist.json';

export type NicknameProblem = 'length' | 'contact' | 'unkind';

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

/**
 * A nickname is 2–20 characters and carries no way to reach her (an e-mail address, a phone
 * number, a link, a social-media handle) and no insult. The answer says which, kindly.
 */
export function nicknameProblem(input: string): NicknameProblem | null {
  const nickname = input.trim();
  const length = [...nickname].length;
  if (length < 2 || length > 20) return 'length';
  const lower = nickname.toLowerCase();
  const digits = (nickname.match(/\d/g) ?? []).length;
  // Five digits make a phone number likely, even in parts.
  if (digits >= 5 || contactPatterns.some((pattern) => pattern.test(lower))) return 'contact';
  if (isUnkind(nickname)) return 'unkind';
  return null;
}
