// Answer shapes for the steps answered with `{type: 'ANSWER', step, answer}`. The machine's
// guards use them, and so can a route action before it appends an event. Pure.
import { z } from 'zod';
import { bodyMapIcons, type AnswerStep, type AnswerStepType } from './schema';

export const choiceAnswerSchema = z.object({ option: z.string() }).strict();
export const quizAnswerSchema = z.object({ options: z.array(z.string()).min(1) }).strict();
/** One option, or several where the poll is `multiple`. */
export const pollAnswerSchema = z.union([z.object({ option: z.string() }).strict(), z.object({ options: z.array(z.string()).min(1) }).strict()]);
/** Item id → category id; every item placed. */
export const sortAnswerSchema = z.object({ placements: z.record(z.string(), z.string()) }).strict();
export const bodyMapMarkSchema = z.object({ icon: z.enum(bodyMapIcons), zone: z.string() }).strict();
export const bodyMapAnswerSchema = z.object({ person: z.string(), marks: z.array(bodyMapMarkSchema) }).strict();

/** The shape of an answer per step type, without the step's own ids (see `answerSchemaFor`). */
export const answerSchemas = {
  choice: choiceAnswerSchema,
  quiz: quizAnswerSchema,
  poll: pollAnswerSchema,
  sort: sortAnswerSchema,
  'body-map': bodyMapAnswerSchema,
} as const satisfies Record<AnswerStepType, z.ZodTypeAny>;

export type ChoiceAnswer = z.infer<typeof choiceAnswerSchema>;
export type QuizAnswer = z.infer<typeof quizAnswerSchema>;
export type PollAnswer = z.infer<typeof pollAnswerSchema>;
export type SortAnswer = z.infer<typeof sortAnswerSchema>;
export type BodyMapAnswer = z.infer<typeof bodyMapAnswerSchema>;
export type LessonAnswer = ChoiceAnswer | QuizAnswer | PollAnswer | SortAnswer | BodyMapAnswer;

const bySteps = new WeakMap<AnswerStep, z.ZodType<LessonAnswer>>();

/** The answer schema for one step: its shape, and only the step's own ids. Cached per step. */
export function answerSchemaFor(step: AnswerStep): z.ZodType<LessonAnswer> {
  let schema = bySteps.get(step);
  if (!schema) {
    schema = buildAnswerSchema(step);
    bySteps.set(step, schema);
  }
  return schema;
}

function buildAnswerSchema(step: AnswerStep): z.ZodType<LessonAnswer> {
  const known = (list: { id: string }[]) => new Set(list.map((entry) => entry.id));
  const fail = (ctx: z.RefinementCtx, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  switch (step.type) {
    case 'choice': {
      const options = known(step.options);
      return choiceAnswerSchema.superRefine(({ option }, ctx) => {
        if (!options.has(option)) fail(ctx, `unknown option "${option}"`);
      });
    }
    case 'poll': {
      const options = known(step.options);
      return pollAnswerSchema.superRefine((answer, ctx) => {
        const chosen = 'option' in answer ? [answer.option] : answer.options;
        if ('options' in answer !== step.multiple) fail(ctx, step.multiple ? 'answer with "options" (several may be chosen)' : 'answer with one "option"');
        const unknown = chosen.find((option) => !options.has(option));
        if (unknown !== undefined) fail(ctx, `unknown option "${unknown}"`);
        if (new Set(chosen).size !== chosen.length) fail(ctx, 'an option is chosen twice');
      });
    }
    case 'quiz': {
      const options = known(step.options);
      return quizAnswerSchema.superRefine((answer, ctx) => {
        const unknown = answer.options.filter((option) => !options.has(option));
        if (unknown.length) fail(ctx, `unknown option "${unknown[0]}"`);
        if (new Set(answer.options).size !== answer.options.length) fail(ctx, 'an option is chosen twice');
        if (!step.multiple && answer.options.length !== 1) fail(ctx, 'exactly one option must be chosen');
      });
    }
    case 'sort': {
      const items = known(step.items);
      const categories = known(step.categories);
      return sortAnswerSchema.superRefine(({ placements }, ctx) => {
        const placed = Object.keys(placements);
        const missing = [...items].filter((item) => !(item in placements));
        if (missing.length) fail(ctx, `item "${missing[0]}" is not placed`);
        const stray = placed.find((item) => !items.has(item));
        if (stray !== undefined) fail(ctx, `unknown item "${stray}"`);
        const wrong = placed.find((item) => !categories.has(placements[item]!));
        if (wrong !== undefined) fail(ctx, `unknown category "${placements[wrong]}" for item "${wrong}"`);
      });
    }
    case 'body-map': {
      const persons = known(step.persons);
      const zones = known(step.zones);
      return bodyMapAnswerSchema.superRefine(({ person, marks }, ctx) => {
        if (!persons.has(person)) fail(ctx, `unknown person "${person}"`);
        const stray = marks.find((mark) => !zones.has(mark.zone));
        if (stray) fail(ctx, `unknown zone "${stray.zone}"`);
        if (new Set(marks.map((mark) => `${mark.icon}@${mark.zone}`)).size !== marks.length) fail(ctx, 'a mark is placed twice');
      });
    }
  }
}

/** Is this a valid answer to this step? The reason names what is wrong. */
export function checkAnswer(step: AnswerStep, answer: unknown): { ok: true; answer: LessonAnswer } | { ok: false; reason: string } {
  const parsed = answerSchemaFor(step).safeParse(answer);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `step "${step.id}": ${where}${issue.message}` };
}
