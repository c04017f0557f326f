import type { ZodTypeAny, z } from 'zod';
import { type Result, ok, refused } from './result';

/**
 * THE form reader (decision 0013): a body that is not a form reads as empty, and so does a form
 * with a NUL in any name or value (PostgreSQL cannot store it, and no person types it): the
 * whole form is refused, and the route answers its own 400 with the form's messages, as for
 * any form missing its fields. Files are dropped.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return new FormData();
  }
  const clean = new FormData();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string') continue;
    if (key.includes('\0') || value.includes('\0')) return new FormData();
    clean.append(key, value);
  }
  return clean;
}

/** A form's text fields as a plain object (see `readFormData`); a field sent twice is an array. */
export async function readForm(request: Request): Promise<Record<string, string | string[]>> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of (await readFormData(request)).entries()) {
    if (typeof value !== 'string') continue;
    const previous = values[key];
    values[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return values;
}

/** Why a body is not the JSON a route asked for (reasons of app/reasons.ts `commonReasons`). */
export type JsonRefusal = 'unsupportedMediaType' | 'tooLarge' | 'notJson';

/**
 * THE JSON reader: `application/json` only (415), at most `maxBytes` (413; the edge has
 * capped the body already), parsed (400), and no NUL anywhere in it, escaped or not (400).
 */
async function readJson(request: Request, maxBytes: number): Promise<Result<unknown, JsonRefusal>> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('Content-Type') ?? '')) return refused('unsupportedMediaType');
  const body = await request.text();
  if (Buffer.byteLength(body) > maxBytes) return refused('tooLarge');
  if (body.includes('\0') || /\\u0000/i.test(body)) return refused('notJson');
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    return refused('notJson');
  }
}

/**
 * A JSON route's body: read with `readJson`, then checked against the route's schema
 * (`badRequest` when it is JSON but not what the route takes). The route answers a refusal
 * with `refusal(body.reason)`.
 */
export async function readJsonBody<S extends ZodTypeAny>(
  request: Request,
  schema: S,
  maxBytes: number,
): Promise<Result<z.output<S>, JsonRefusal | 'badRequest'>> {
  const body = await readJson(request, maxBytes);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  return parsed.success ? ok(parsed.data as z.output<S>) : refused('badRequest');
}
