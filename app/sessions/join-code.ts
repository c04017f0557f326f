// Join codes use an alphabet without look-alikes: no 0/O, no 1/I/L.
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** What a girl types, as a code: upper case, without spaces or dashes. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A new code from the CSPRNG (both in Node and in the browser: Web Crypto). */
export function generateJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  // 256 is not a multiple of 31: redraw the few values that would favour early letters.
  return Array.from(bytes, (byte) => {
    let value = byte;
    while (value >= 248) value = globalThis.crypto.getRandomValues(new Uint8Array(1))[0]!;
    return JOIN_CODE_ALPHABET[value % JOIN_CODE_ALPHABET.length];
  }).join('');
}
