import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

// OWASP / ASVS 5.0 appendix C minimum for argon2id: 19 MiB, 2 passes, 1 lane.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under isolatedModules).
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** Verifies, and says whether the stored hash is weaker than today's settings (rehash it). */
export async function verifyPassword(storedHash: string, password: string): Promise<{ valid: boolean; needsRehash: boolean }> {
  let valid = false;
  try {
    valid = await verify(storedHash, password);
  } catch {
    valid = false;
  }
  const parameters = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  const weaker = !parameters || Number(parameters[1]) < argon2Options.memoryCost || Number(parameters[2]) < argon2Options.timeCost;
  return { valid, needsRehash: valid && weaker };
}

// A hash of a random password, verified against when the e-mail is unknown, so that an
// unknown address costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await decoyHash, password);
}

let commonPasswords: Set<string> | undefined;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** The policy: 12 to 256 characters, and not a well-known password with digits added. */
export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  commonPasswords ??= new Set(dictionary['passwords-common']);
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const repeated = /^(.{1,6})\1+$/u.test(lower);
  if (commonPasswords.has(lower) || (stem && commonPasswords.has(stem)) || repeated) return 'common';
  return null;
}

/** A new password as a form field: filled in, then the policy; its error is the policy's message key. */
export const newPasswordField = z
  .string({ required_error: 'form.required', invalid_type_error: 'form.required' })
  .min(1, 'form.required')
  .max(1000, 'form.tooLong')
  .pipe(
    z.string().superRefine((password, context) => {
      const problem = passwordProblem(password);
      if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: `account.password.${problem}` });
    }),
  );
