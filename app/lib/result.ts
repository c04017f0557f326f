/**
 * The one shape of an outcome that can be refused (decision 0022): the value, or the reason it
 * was refused. A reason is a name from the registry (app/reasons.ts), which knows its HTTP
 * status and its message, so a route never invents either.
 */
export type Result<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function refused<R extends string>(reason: R): { ok: false; reason: R } {
  return { ok: false, reason };
}
