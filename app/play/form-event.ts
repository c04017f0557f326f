import type { LessonEvent } from '~/lessons/compile';
import type { LessonStep } from '~/lessons/schema';

/** A form's fields: what `request.formData()` or `new FormData(form, submitter)` holds. */
export type FormFields = Iterable<[string, FormDataEntryValue]>;

/**
 * The lesson event a step's form stands for. One function for both ways of playing: the
 * server reads the posted form (no JavaScript), the browser reads the same form on submit.
 * The machine judges the result; this only reads the fields.
 */
export function eventFromForm(step: LessonStep, fields: FormFields): LessonEvent {
  const values = new Map<string, string[]>();
  for (const [name, value] of fields) {
    if (typeof value !== 'string') continue;
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const one = (name: string) => values.get(name)?.[0] ?? '';
  if (one('intent') === 'back') return { type: 'BACK' };
  // "I'd rather skip": the machine says whether this step may be skipped.
  if (one('intent') === 'skip') return { type: 'SKIP', step: step.id };
  switch (step.type) {
    case 'poll':
      if (step.multiple) return { type: 'ANSWER', step: step.id, answer: { options: values.get('option') ?? [] } };
      return { type: 'ANSWER', step: step.id, answer: { option: one('option') } };
    case 'choice':
      return { type: 'ANSWER', step: step.id, answer: { option: one('option') } };
    case 'quiz':
      return { type: 'ANSWER', step: step.id, answer: { options: values.get('option') ?? [] } };
    case 'sort': {
      const placements: Record<string, string> = {};
      for (const item of step.items) {
        const category = one(`place-${item.id}`);
        if (category) placements[item.id] = category;
      }
      return { type: 'ANSWER', step: step.id, answer: { placements } };
    }
    case 'body-map': {
      // Marks are "icon@zone" checkbox values.
      const marks = (values.get('mark') ?? []).map((mark) => {
        const [icon, zone] = mark.split('@');
        return { icon: icon ?? '', zone: zone ?? '' };
      });
      return { type: 'ANSWER', step: step.id, answer: { person: one('person'), marks } };
    }
    default:
      return { type: 'NEXT' };
  }
}
