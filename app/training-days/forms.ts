// The training-day forms, validated at the route edge. Error messages are i18n keys
// (`training:errors.*`, or the shared `form.*`): the page translates them.
import { z } from 'zod';
import { supportedLanguages } from '~/i18n/config';
import { type FieldErrors, fieldErrors, formOptionalText, formText } from '~/lib/forms';

/** The most parts (plenary sessions and break-outs) one training day's form offers. */
export const maxParts = 6;
export const partKinds = ['plenary', 'breakout'] as const;

const date = z
  .string({ required_error: 'training:errors.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'training:errors.date')
  .refine((value) => {
    const parsed = new Date(`${value}T12:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, 'training:errors.date');
const time = (message: string) => z.string({ required_error: message }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, message);
const webLink = z
  .string()
  .trim()
  .max(500, 'form.tooLong')
  .optional()
  .transform((value) => value || undefined)
  .refine((value) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'training:errors.link');

const trainingDayFields = z.object({
  course: z.string({ required_error: 'form.choose' }).min(1, 'form.choose').max(100, 'form.choose'),
  date,
  startTime: time('training:errors.time'),
  endTime: time('training:errors.time'),
  place: formOptionalText(300),
  onlineUrl: webLink,
  capacity: z.coerce
    .number({ invalid_type_error: 'training:errors.capacity' })
    .int('training:errors.capacity')
    .min(1, 'training:errors.capacity')
    .max(1000, 'training:errors.capacity'),
  language: z.enum(supportedLanguages, { errorMap: () => ({ message: 'form.choose' }) }),
  notes: formOptionalText(1000),
});

export interface PartInput {
  kind: (typeof partKinds)[number];
  title: string;
  startTime: string;
  endTime: string;
  room?: string;
}

export type TrainingDayInput = z.output<typeof trainingDayFields> & { parts: PartInput[] };

const partFields = z.object({
  kind: z.enum(partKinds, { errorMap: () => ({ message: 'form.choose' }) }),
  title: formText(200),
  startTime: time('training:errors.time'),
  endTime: time('training:errors.time'),
  room: formOptionalText(100),
});

/** A form as its page shows it again: one value per field (the first, when a field was sent twice). */
export function formValues(form: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? (value[0] ?? '') : value]));
}

/**
 * The new training day form: the day itself, then up to `maxParts` rows of its programme
 * (`part1Title`, `part1Kind`, …); a row without a title is an unused row. Errors are keyed
 * by field name (`part2Start`).
 */
export function parseTrainingDayForm(form: Record<string, string | string[]>): { data: TrainingDayInput } | { errors: FieldErrors } {
  const values: Record<string, string | undefined> = formValues(form);
  const errors: FieldErrors = {};
  const parsed = trainingDayFields.safeParse(values);
  if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error));
  const day = parsed.success ? parsed.data : undefined;
  const filled = (key: string) => (values[key] ?? '').trim() !== '';
  if (!filled('place') && !filled('onlineUrl')) errors.place ??= 'training:errors.where';
  if (day && day.endTime <= day.startTime) errors.endTime ??= 'training:errors.endBeforeStart';
  const parts: PartInput[] = [];
  for (let index = 1; index <= maxParts; index += 1) {
    const title = (values[`part${index}Title`] ?? '').trim();
    if (!title) continue;
    const part = partFields.safeParse({
      kind: values[`part${index}Kind`],
      title,
      startTime: values[`part${index}Start`],
      endTime: values[`part${index}End`],
      room: values[`part${index}Room`],
    });
    if (!part.success) {
      const names: Record<string, string> = { kind: 'Kind', title: 'Title', startTime: 'Start', endTime: 'End', room: 'Room' };
      for (const [field, message] of Object.entries(fieldErrors(part.error))) errors[`part${index}${names[field] ?? 'Title'}`] ??= message;
      continue;
    }
    if (part.data.endTime <= part.data.startTime) errors[`part${index}End`] ??= 'training:errors.endBeforeStart';
    else if (day && (part.data.startTime < day.startTime || part.data.endTime > day.endTime)) errors[`part${index}Start`] ??= 'training:errors.partOutsideDay';
    parts.push(part.data);
  }
  if (Object.keys(errors).length || !parsed.success) return { errors };
  return { data: { ...parsed.data, parts } };
}

export const registrationForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('register'),
    breakout: z
      .string()
      .uuid('training:errors.breakout')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  }),
  z.object({ intent: z.literal('cancel') }),
]);

export const materialForm = z.object({ intent: z.literal('material'), materialUrl: webLink });

/** The attendance list: the ids ticked present (none ticked sends no field; one sends a single value). */
export const attendanceForm = z.object({
  intent: z.literal('attendance'),
  present: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().uuid()).max(1000)),
});

/** The trainer's page posts either the attendance list or the material's link. */
export const attendancePageForm = z.discriminatedUnion('intent', [attendanceForm, materialForm]);
