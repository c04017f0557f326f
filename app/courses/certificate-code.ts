// Certificate codes (decision 0016): 80 random bits as 16 Crockford base32 characters,
// shown XXXX-XXXX-XXXX-XXXX and stored without hyphens. Pure: the server draws the bytes.

/** Crockford's base32: no I, L, O or U (no confusion with 1, 0, or an accidental word). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CERTIFICATE_CODE_BYTES = 10;
export const CERTIFICATE_CODE_LENGTH = 16;

/** 10 bytes → 16 characters, most significant bits first. */
export function encodeCrockford(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** `ABCDEFGH…` → `ABCD-EFGH-…` */
export function formatCertificateCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * A code as a person types it → its stored form, or undefined when it cannot be a code.
 * Forgives case, spaces and hyphens, and reads O as 0 and I or L as 1 (Crockford).
 */
export function normaliseCertificateCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CERTIFICATE_CODE_LENGTH) return undefined;
  for (const char of code) if (!CROCKFORD_ALPHABET.includes(char)) return undefined;
  return code;
}
