import blocklist from '../../content/moderation/nickname-blocklist.json';

export type NicknameProblem = 'length' | 'contact' | 'unkind';

const lookAlikes: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

function squeezed(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[013457@$!]/g, (c) => lookAlikes[c] ?? c)
    .replace(/[^a-z]/g, '');
}

const blockedWords = (blocklist.words as string[]).map(squeezed).filter((w) => w.length >= 3);

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
  const contact =
    /@/.test(nickname) || // an e-mail address or a handle
    digits >= 5 || // a phone number, even in parts
    /(https?:|www\.|\.(com|be|nl|fr|net|org|eu|io|me|ly|gg|tv)\b)/.test(lower) ||
    /\b(snap|insta|tiktok|tik tok|whatsapp|telegram|discord|facebook|fb|ig|sc)\b\s*[:=]?/.test(lower) ||
    /\b(gsm|tel|phone|bel me|call me|appelle)\b/.test(lower);
  if (contact) return 'contact';
  const compact = squeezed(nickname);
  if (blockedWords.some((word) => compact.includes(word))) return 'unkind';
  return null;
}
