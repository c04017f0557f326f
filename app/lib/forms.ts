import { z } from 'zod';

// Error messages are i18n keys (namespace `common`, `form.*`): the route edge validates,
// the page translates.
export const formText = (max: number) =>
  z.string({ required_error: 'form.required', invalid_type_error: 'form.required' }).trim().min(1, 'form.required').max(max, 'form.tooLong');

export const formOptionalText = (max: number) =>
  z
    .string({ invalid_type_error: 'form.required' })
    .trim()
    .max(max, 'form.tooLong')
    .optional()
    .transform((value) => value || undefined);

export const formEmail = formText(254).pipe(z.string().email('form.email'));

export const formEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message: 'form.choose' }) });

export const formUuid = z.string({ required_error: 'form.choose' }).uuid('form.choose');

export type FieldErrors = Record<string, string>;

/** The first error per field, keyed by the field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
