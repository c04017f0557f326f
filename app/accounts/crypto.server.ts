import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, reset tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: enough to find it, useless if the table leaks. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
