// The course content format (decision 0016): zod schemas for content/courses/<id>/course.yaml
// and the types derived from them. The same engine as the girls' modules (decision 0005):
// text is always a key into locales/<lng>.json, ids are kebab-case, unknown fields are
// refused, problems name the file, the step and the field; courses have no overlays.
// Pure: shared by server and browser.
import { z } from 'zod';
import { professions } from '../db/vocabulary';
import { supportedLanguages } from '../i18n/config';

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
const textKey = z.string().regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/, 'must be a text key like "lessons.intro.title"');
// Media come from this site only (no request leaves it), by absolute path under public/.
const mediaPath = z
  .string()
  .regex(/^\/[A-Za-z0-9_-][A-Za-z0-9._/-]*$/, 'must be a path on this site, like "/courses/<id>/intro.mp4"')
  .refine((url) => !url.includes('..') && !url.includes('//'), 'must not contain ".." or "//"');
// A file in the course folder (materials/…), never outside it.
const courseFile = z
  .string()
  .regex(
    /^materials\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.(pdf|docx|xlsx|pptx|odt|ods|odp|png|jpg|svg|txt)$/,
    'must be a file in the course folder, like "materials/checklist.pdf"',
  );

export const courseFormats = ['self-paced', 'training-day', 'mixed'] as const;
export type CourseFormat = (typeof courseFormats)[number];

/** The default pass mark of a quiz, in per cent. */
export const defaultPassMark = 80;

// Every step may say where it leads; without `next` a step leads to the one below it, and
// the last step of a lesson ends the lesson.
const stepBase = { id: kebabId, next: kebabId.optional() };

const section = z.object({ headingKey: textKey.optional(), bodyKey: textKey }).strict();
const textStep = z.object({ ...stepBase, type: z.literal('text'), titleKey: textKey.optional(), sections: z.array(section).min(1) }).strict();

// A captioned video. The video itself is optional (it may be recorded later); the transcript
// is always there, so the step can be read. `signLanguage` is the slot for a VGT video.
const videoStep = z
  .object({
    ...stepBase,
    type: z.literal('video'),
    titleKey: textKey.optional(),
    src: mediaPath.optional(),
    captions: z.record(z.enum(supportedLanguages), mediaPath).optional(),
    signLanguage: mediaPath.optional(),
    transcriptKey: textKey,
  })
  .strict();

// A case scenario: a situation, a question, options with feedback; an option may branch.
const caseOption = z.object({ id: kebabId, labelKey: textKey, feedbackKey: textKey, next: kebabId.optional() }).strict();
const caseStep = z
  .object({
    ...stepBase,
    type: z.literal('case'),
    titleKey: textKey.optional(),
    situationKey: textKey,
    promptKey: textKey,
    options: z.array(caseOption).min(2),
  })
  .strict();

const quizOption = z.object({ id: kebabId, labelKey: textKey, correct: z.boolean() }).strict();
const quizQuestion = z
  .object({
    id: kebabId,
    // Several options may be correct; the learner must choose exactly the correct ones.
    multiple: z.boolean().default(false),
    questionKey: textKey,
    options: z.array(quizOption).min(2),
    // Shown after submitting, whether the answer was right or wrong.
    feedbackKey: textKey,
  })
  .strict();
const quizStep = z
  .object({
    ...stepBase,
    type: z.literal('quiz'),
    titleKey: textKey.optional(),
    introKey: textKey.optional(),
    passMark: z.number().int().min(1).max(100).default(defaultPassMark),
    questions: z.array(quizQuestion).min(1),
  })
  .strict();

// Downloadable material: a PDF made from the course's own text (`pdf`), or a file in the
// course folder (`file`). Exactly one of the two.
const pdfSource = z.object({ titleKey: textKey, sections: z.array(section).min(1) }).strict();
const materialStep = z
  .object({
    ...stepBase,
    type: z.literal('material'),
    titleKey: textKey,
    descriptionKey: textKey.optional(),
    pdf: pdfSource.optional(),
    file: courseFile.optional(),
  })
  .strict();

export const courseStepSchema = z.discriminatedUnion('type', [textStep, videoStep, caseStep, quizStep, materialStep]);
export type CourseStep = z.output<typeof courseStepSchema>;
export type CourseStepType = CourseStep['type'];
export type CourseStepOf<T extends CourseStepType> = Extract<CourseStep, { type: T }>;
export type QuizStep = CourseStepOf<'quiz'>;
export type QuizQuestion = QuizStep['questions'][number];
export type MaterialStep = CourseStepOf<'material'>;

export const courseLessonSchema = z
  .object({ id: kebabId, titleKey: textKey, minutes: z.number().int().positive().optional(), steps: z.array(courseStepSchema).min(1) })
  .strict();
export type CourseLesson = z.output<typeof courseLessonSchema>;

const courseObject = z
  .object({
    id: kebabId,
    // A whole number, raised when lessons or the quiz change in substance. A completion and
    // its certificate keep the version they were earned on (decision 0016).
    version: z.number().int().positive(),
    order: z.number().int().min(0),
    titleKey: textKey,
    summaryKey: textKey,
    // For whom: the professions (from the registration form), or `all`.
    audience: z.union([z.literal('all'), z.array(z.enum(professions)).min(1)]),
    format: z.enum(courseFormats),
    minutes: z.number().int().positive(),
    languages: z.array(z.enum(supportedLanguages)).min(1),
    // What you earn: a short text ("a certificate, valid three years; you may run sessions").
    earnsKey: textKey,
    // What passing unlocks on the site.
    unlocks: z.array(z.enum(['group-sessions'])).default([]),
    completion: z
      .object({
        // The quiz (a step id) that must be passed; every lesson must be finished as well.
        quiz: kebabId,
        // A training day's attendance is needed too (the training days record it).
        attendanceRequired: z.boolean().default(false),
      })
      .strict(),
    certificate: z.object({ validityMonths: z.number().int().positive().optional() }).strict().default({}),
    lessons: z.array(courseLessonSchema).min(1),
  })
  .strict();
export const courseSchema = courseObject.superRefine(checkCourseReferences);

export type Course = z.output<typeof courseSchema>;
export type CourseInput = z.input<typeof courseSchema>;

/** The steps a step can lead to; an empty list ends the lesson. */
export function courseStepTargets(lesson: CourseLesson, index: number): string[] {
  const step = lesson.steps[index]!;
  const following = lesson.steps[index + 1]?.id;
  const fallback = step.next ?? following;
  if (step.type === 'case') {
    const targets = step.options.map((option) => option.next ?? fallback).filter((id): id is string => id !== undefined);
    return [...new Set(targets)];
  }
  return fallback === undefined ? [] : [fallback];
}

/** Every quiz step of the course, with its lesson. */
export function quizzesOf(course: Course): { lesson: CourseLesson; quiz: QuizStep }[] {
  return course.lessons.flatMap((lesson) => lesson.steps.filter((step): step is QuizStep => step.type === 'quiz').map((quiz) => ({ lesson, quiz })));
}

/** The quiz that completes the course. */
export function completionQuiz(course: Course): QuizStep {
  return quizzesOf(course).find(({ quiz }) => quiz.id === course.completion.quiz)!.quiz;
}

type IssueAt = (path: (string | number)[], message: string) => void;

/** Rules across fields: ids unique, every `next` names a step of its lesson, the completion quiz ends the course. */
function checkCourseReferences(c: z.output<typeof courseObject>, ctx: z.RefinementCtx) {
  const issue: IssueAt = (path, message) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const lessonIds = new Set<string>();
  const stepIds = new Set<string>();
  c.lessons.forEach((lesson, l) => {
    if (lessonIds.has(lesson.id)) issue(['lessons', l, 'id'], `lesson id "${lesson.id}" is used twice`);
    lessonIds.add(lesson.id);
    const own = new Set(lesson.steps.map((step) => step.id));
    lesson.steps.forEach((step, s) => {
      const at = (...path: (string | number)[]) => ['lessons', l, 'steps', s, ...path];
      // Step ids are unique in the whole course: progress, attempts and URLs name them.
      if (stepIds.has(step.id)) issue(at('id'), `step id "${step.id}" is used twice in this course`);
      stepIds.add(step.id);
      if (step.next !== undefined && !own.has(step.next)) issue(at('next'), `unknown step "${step.next}" (a step leads only within its lesson)`);
      if (step.type === 'case') {
        uniqueIds(step.options, (i, id) => issue(at('options', i, 'id'), `"${id}" is used twice in options`));
        step.options.forEach((option, i) => {
          if (option.next !== undefined && !own.has(option.next))
            issue(at('options', i, 'next'), `unknown step "${option.next}" (a step leads only within its lesson)`);
        });
      }
      if (step.type === 'quiz') {
        uniqueIds(step.questions, (i, id) => issue(at('questions', i, 'id'), `"${id}" is used twice in questions`));
        step.questions.forEach((question, q) => {
          uniqueIds(question.options, (i, id) => issue(at('questions', q, 'options', i, 'id'), `"${id}" is used twice in options`));
          const correct = question.options.filter((option) => option.correct).length;
          if (!question.multiple && correct !== 1)
            issue(at('questions', q, 'options'), `a question with one answer needs exactly one correct option, found ${correct}`);
          if (question.multiple && correct < 1) issue(at('questions', q, 'options'), 'a question needs at least one correct option');
        });
      }
      if (step.type === 'material' && (step.pdf === undefined) === (step.file === undefined)) {
        issue(at('pdf'), 'a material is either a `pdf` made from the course text or a `file` in the course folder: give exactly one');
      }
      if (step.type === 'video' && step.src !== undefined && step.captions === undefined) {
        issue(at('captions'), 'a video needs captions (WebVTT) in every language of the course');
      }
    });
  });
  // The completion quiz is the last step of the last lesson: passing it finishes the course,
  // so the completion and the certificate are written with the passing attempt.
  const last = c.lessons.at(-1);
  const lastStep = last?.steps.at(-1);
  if (!stepIds.has(c.completion.quiz)) issue(['completion', 'quiz'], `unknown step "${c.completion.quiz}"`);
  else if (lastStep?.id !== c.completion.quiz || lastStep.type !== 'quiz' || lastStep.next !== undefined) {
    issue(['completion', 'quiz'], `"${c.completion.quiz}" must be a quiz and the last step of the last lesson (without next)`);
  }
  const languages = new Set<string>();
  c.languages.forEach((language, i) => {
    if (languages.has(language)) issue(['languages', i], `"${language}" is listed twice`);
    languages.add(language);
  });
}

function uniqueIds(list: { id: string }[], report: (index: number, id: string) => void) {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.id)) report(i, entry.id);
    seen.add(entry.id);
  });
}
