// The lesson content format of docs/decisions/0005: zod schemas for module.yaml, overlays
// and locale files, and the types derived from them. Pure: shared by server and browser.
import { z } from 'zod';
import { supportedLanguages } from '../i18n/config';

export const lessonVariants = ['standard', 'slechthorend', 'roma'] as const;
export type LessonVariant = (typeof lessonVariants)[number];
/** The variants that may have an overlay; `standard` is the base module itself. */
export const overlayVariants = ['slechthorend', 'roma'] as const satisfies readonly LessonVariant[];

export const bodyMapIcons = ['talk', 'look', 'touch'] as const;
export type BodyMapIcon = (typeof bodyMapIcons)[number];

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
const textKey = z.string().regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/, 'must be a text key like "intro.title"');
// Media come from this site only (no request leaves it), by absolute path under public/.
const mediaPath = z
  .string()
  .regex(/^\/[A-Za-z0-9_-][A-Za-z0-9._/-]*$/, 'must be a path on this site, like "/modules/<id>/intro.svg"')
  .refine((url) => !url.includes('..') && !url.includes('//'), 'must not contain ".." or "//"');
const pictogram = kebabId.describe('a name from public/pictograms/<name>.svg');

// `minutes`: the planned group time for the step (the console and the guide show it).
const stepBase = { id: kebabId, guideKey: textKey.optional(), signLanguage: mediaPath.optional(), minutes: z.number().int().positive().optional() };

const storyPanel = z.object({ textKey, illustration: mediaPath.optional(), altKey: textKey.optional() }).strict();
const chatCharacter = z.object({ id: kebabId, nameKey: textKey, avatar: mediaPath.optional() }).strict();
const chatMessage = z.object({ from: kebabId, time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like "14:05"'), textKey }).strict();
const choiceOption = z.object({ id: kebabId, labelKey: textKey, feedbackKey: textKey, next: kebabId, pictogram: pictogram.optional() }).strict();
const quizOption = z.object({ id: kebabId, labelKey: textKey, correct: z.boolean(), pictogram: pictogram.optional() }).strict();
const labelled = z.object({ id: kebabId, labelKey: textKey, pictogram: pictogram.optional() }).strict();
// A sort card says where it belongs, and may say why (shown when a girl put it elsewhere).
const sortItem = z.object({ id: kebabId, labelKey: textKey, pictogram: pictogram.optional(), category: kebabId, explanationKey: textKey.optional() }).strict();
const zone = z.object({ id: kebabId, labelKey: textKey }).strict();

const storyStep = z
  .object({
    ...stepBase,
    type: z.literal('story'),
    mode: z.enum(['panels', 'chat']),
    panels: z.array(storyPanel).min(1).optional(),
    characters: z.array(chatCharacter).min(1).optional(),
    messages: z.array(chatMessage).min(1).optional(),
    illustration: mediaPath.optional(),
    altKey: textKey.optional(),
    next: kebabId,
  })
  .strict();
const choiceStep = z
  .object({
    ...stepBase,
    type: z.literal('choice'),
    framing: z.enum(['self', 'squad-advice']),
    promptKey: textKey,
    contextKey: textKey.optional(),
    options: z.array(choiceOption).min(2),
    // Where a skip leads (decisions 0009, 0010): every question may be skipped, squad advice too.
    skipNext: kebabId,
  })
  .strict();
const quizStep = z
  .object({
    ...stepBase,
    type: z.literal('quiz'),
    multiple: z.boolean().default(false),
    questionKey: textKey,
    options: z.array(quizOption).min(2),
    explanationKey: textKey,
    next: kebabId,
  })
  .strict();
const pollStep = z
  .object({
    ...stepBase,
    type: z.literal('poll'),
    kind: z.enum(['scale', 'emoji', 'options']),
    // Several options may be chosen (answer `{options}`), e.g. "what are you good at?".
    multiple: z.boolean().default(false),
    questionKey: textKey,
    options: z.array(labelled).min(2),
    next: kebabId,
  })
  .strict();
const sortStep = z
  .object({
    ...stepBase,
    type: z.literal('sort'),
    promptKey: textKey,
    categories: z.array(labelled).min(2),
    items: z.array(sortItem).min(1),
    // Shown after sorting, with each misplaced card named (decision 0010).
    explanationKey: textKey,
    next: kebabId,
  })
  .strict();
const bodyMapStep = z
  .object({
    ...stepBase,
    type: z.literal('body-map'),
    promptKey: textKey,
    persons: z.array(labelled).min(1),
    zones: z.array(zone).min(1),
    next: kebabId,
  })
  .strict();
const reflectionStep = z
  .object({
    ...stepBase,
    type: z.literal('reflection'),
    questionKey: textKey,
    // Private unless the author says otherwise: a girl's own words stay on her device.
    privateAnswer: z.boolean().default(true),
    next: kebabId,
  })
  .strict();
const videoStep = z
  .object({
    ...stepBase,
    type: z.literal('video'),
    src: mediaPath,
    // Every language is required; the content check names a missing one.
    captions: z.record(z.enum(supportedLanguages), mediaPath),
    transcriptKey: textKey,
    next: kebabId,
  })
  .strict();
const offlineStep = z
  .object({
    ...stepBase,
    type: z.literal('offline'),
    titleKey: textKey,
    instructionsKey: textKey,
    minutes: z.number().int().positive(),
    next: kebabId,
  })
  .strict();
const helpStep = z.object({ ...stepBase, type: z.literal('help'), introKey: textKey, next: kebabId }).strict();
const endStep = z.object({ ...stepBase, type: z.literal('end'), summaryKeys: z.array(textKey).length(3, 'must be exactly three keys') }).strict();

export const lessonStepSchema = z.discriminatedUnion('type', [
  storyStep,
  choiceStep,
  quizStep,
  pollStep,
  sortStep,
  bodyMapStep,
  reflectionStep,
  videoStep,
  offlineStep,
  helpStep,
  endStep,
]);

export type LessonStep = z.output<typeof lessonStepSchema>;
export type StepType = LessonStep['type'];
export type StepOf<T extends StepType> = Extract<LessonStep, { type: T }>;
export const stepTypes = lessonStepSchema.options.map((option) => option.shape.type.value) as StepType[];

/** Steps answered with `{type: 'ANSWER'}`; every other step but `end` moves on with `NEXT`. */
export const answerStepTypes = ['choice', 'quiz', 'poll', 'sort', 'body-map'] as const satisfies readonly StepType[];
export type AnswerStepType = (typeof answerStepTypes)[number];
export type AnswerStep = StepOf<AnswerStepType>;
export function isAnswerStep(step: LessonStep): step is AnswerStep {
  return (answerStepTypes as readonly string[]).includes(step.type);
}

/**
 * Where `{type: 'SKIP'}` leads from this step, or undefined where a skip is not offered
 * (decision 0009): a quiz, poll, sort or body map moves on to its `next` without an answer;
 * a choice only when it declares `skipNext`; other steps ask nothing and move on with NEXT.
 */
export function skipTarget(step: LessonStep): string | undefined {
  if (step.type === 'choice') return step.skipNext;
  return isAnswerStep(step) ? step.next : undefined;
}

/** The steps a step can lead to, in order, without duplicates. */
export function stepTargets(step: LessonStep): string[] {
  if (step.type === 'end') return [];
  if (step.type === 'choice') return [...new Set([...step.options.map((option) => option.next), step.skipNext])];
  return [step.next];
}

export const lessonModuleSchema = z
  .object({
    id: kebabId,
    audience: z.enum(['girls', 'professionals']),
    order: z.number().int().min(0),
    durationMinutes: z.number().int().positive(),
    titleKey: textKey,
    summaryKey: textKey,
    allowBack: z.boolean().default(true),
    // Decision 0010: may a girl play it alone at /play? Required for girls' modules.
    solo: z.enum(['allowed', 'facilitated-only']).optional(),
    // Decision 0010: the steps every path must pass (the help step, never-your-fault).
    mustVisit: z.array(kebabId).optional(),
    start: kebabId,
    steps: z.array(lessonStepSchema).min(1),
  })
  .strict()
  .superRefine(checkModuleReferences);

export type LessonModule = z.output<typeof lessonModuleSchema>;
export type LessonModuleInput = z.input<typeof lessonModuleSchema>;

/** Rules across fields: ids unique, every `next` and `start` names a step, one `end` at least. */
function checkModuleReferences(module: ModuleShape, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const ids = new Set<string>();
  module.steps.forEach((step, index) => {
    if (ids.has(step.id)) issue(['steps', index, 'id'], `step id "${step.id}" is used twice`);
    ids.add(step.id);
  });
  if (!ids.has(module.start)) issue(['start'], `unknown step "${module.start}"`);
  if (!module.steps.some((step) => step.type === 'end')) issue(['steps'], 'a module needs at least one step of type "end"');
  if (module.audience === 'girls') {
    if (module.solo === undefined) issue(['solo'], 'required for girls: "allowed" (may be played alone at /play) or "facilitated-only"');
    if (module.mustVisit === undefined) issue(['mustVisit'], 'required for girls: the steps every path must pass (at least the help step)');
  }
  module.mustVisit?.forEach((id, i) => {
    if (!ids.has(id)) issue(['mustVisit', i], `unknown step "${id}"`);
  });
  const helpSteps = module.steps.filter((step) => step.type === 'help').map((step) => step.id);
  if (module.mustVisit && !helpSteps.some((id) => module.mustVisit!.includes(id))) {
    issue(['mustVisit'], `must include the help step${helpSteps.length ? ` (${helpSteps.join(', ')})` : ' (the module has none: add one before its end)'}`);
  }

  module.steps.forEach((step, index) => {
    const at = (...path: (string | number)[]) => ['steps', index, ...path];
    const unique = (field: string, list: { id: string }[]) => {
      const seen = new Set<string>();
      list.forEach((entry, i) => {
        if (seen.has(entry.id)) issue(at(field, i, 'id'), `"${entry.id}" is used twice in ${field}`);
        seen.add(entry.id);
      });
    };
    if ('next' in step && !ids.has(step.next)) issue(at('next'), `unknown step "${step.next}"`);
    switch (step.type) {
      case 'choice':
        unique('options', step.options);
        step.options.forEach((option, i) => {
          if (!ids.has(option.next)) issue(at('options', i, 'next'), `unknown step "${option.next}"`);
        });
        if (!ids.has(step.skipNext)) issue(at('skipNext'), `unknown step "${step.skipNext}"`);
        break;
      case 'quiz': {
        unique('options', step.options);
        const correct = step.options.filter((option) => option.correct).length;
        if (!step.multiple && correct !== 1) issue(at('options'), `a quiz with one answer needs exactly one correct option, found ${correct}`);
        if (step.multiple && correct < 1) issue(at('options'), 'a quiz needs at least one correct option');
        break;
      }
      case 'poll':
        unique('options', step.options);
        break;
      case 'sort': {
        unique('categories', step.categories);
        unique('items', step.items);
        const categories = new Set(step.categories.map((category) => category.id));
        step.items.forEach((item, i) => {
          if (!categories.has(item.category)) issue(at('items', i, 'category'), `unknown category "${item.category}"`);
        });
        break;
      }
      case 'body-map':
        unique('persons', step.persons);
        unique('zones', step.zones);
        break;
      case 'story':
        checkStory(step, at, issue);
        break;
    }
  });
}

type ModuleShape = { audience: 'girls' | 'professionals'; solo?: string; mustVisit?: string[]; start: string; steps: LessonStep[] };
type IssueAt = (path: (string | number)[], message: string) => void;

function checkStory(step: StepOf<'story'>, at: (...path: (string | number)[]) => (string | number)[], issue: IssueAt) {
  if (step.mode === 'panels') {
    if (!step.panels) issue(at('panels'), 'required when mode is "panels"');
    if (step.characters || step.messages) issue(at('mode'), 'characters and messages belong to mode "chat"');
  } else {
    if (!step.characters) issue(at('characters'), 'required when mode is "chat"');
    if (!step.messages) issue(at('messages'), 'required when mode is "chat"');
    if (step.panels) issue(at('mode'), 'panels belong to mode "panels"');
    const names = new Set(step.characters?.map((character) => character.id));
    step.messages?.forEach((message, i) => {
      if (!names.has(message.from)) issue(at('messages', i, 'from'), `unknown character "${message.from}"`);
    });
  }
  // An image needs its text alternative (WCAG 1.1.1).
  if (step.illustration && !step.altKey) issue(at('altKey'), 'required with an illustration');
  step.panels?.forEach((panel, i) => {
    if (panel.illustration && !panel.altKey) issue(at('panels', i, 'altKey'), 'required with an illustration');
  });
}

/** `variants/<variant>.yaml`: remove → replace → add, and optionally a new start. */
export const lessonOverlaySchema = z
  .object({
    start: kebabId.optional(),
    // A variant's own planned time (slechthorend usually takes longer).
    durationMinutes: z.number().int().positive().optional(),
    remove: z.array(kebabId).optional(),
    // Fields replaced as a whole; with `type` the whole step is replaced; `null` drops a field.
    replace: z
      .record(
        kebabId,
        z.record(z.string(), z.unknown()).refine((fields) => !('id' in fields), 'a step id cannot be replaced: remove the step and add a new one'),
      )
      .optional(),
    add: z.array(lessonStepSchema).optional(),
  })
  .strict();
export type LessonOverlay = z.output<typeof lessonOverlaySchema>;

/** An i18next resource file: nested keys, text at the leaves. */
export type LessonTexts = { [key: string]: string | LessonTexts };
export const lessonTextsSchema: z.ZodType<LessonTexts> = z.lazy(() =>
  z.record(z.string(), z.union([z.string(), lessonTextsSchema], { errorMap: () => ({ message: 'must be a text or a group of texts' }) })),
);
