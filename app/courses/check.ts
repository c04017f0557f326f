// The content check of one course (decision 0016), like the modules' (decision 0005): every
// step reachable and every path ending the lesson, text in every language the course
// offers, captions for a video, media and material files present. Pure: the caller says
// which files exist.
import type { ContentProblem } from '../lessons/problems';
import type { LessonTexts } from '../lessons/schema';
import type { Language } from '../i18n/config';
import { lessonGraph } from './flow';
import type { Course, CourseStep } from './schema';

export interface CheckableCourse {
  course: Course;
  texts: Partial<Record<Language, LessonTexts>>;
  files: { structure: string; texts: Record<Language, string> };
}

export function checkCourse(
  loaded: CheckableCourse,
  courseFileExists: (file: string) => boolean,
  publicFileExists: (url: string) => boolean,
): ContentProblem[] {
  const { course, files } = loaded;
  const problems: ContentProblem[] = [];
  const file = files.structure;
  for (const lesson of course.lessons) {
    const graph = lessonGraph(lesson);
    const reachable = graph.reachable();
    const ending = graph.reachesEnd();
    for (const step of lesson.steps) {
      if (!reachable.has(step.id))
        problems.push({ file, stepId: step.id, field: 'id', message: `unreachable step: no path from the start of lesson "${lesson.id}" leads here` });
      else if (!ending.has(step.id))
        problems.push({ file, stepId: step.id, field: 'next', message: `never reaches the end of lesson "${lesson.id}": a loop with no way out` });
      problems.push(...checkStepFiles(step, course, file, courseFileExists, publicFileExists));
    }
  }
  const keys = textKeysOf(course);
  for (const language of course.languages) {
    const texts = loaded.texts[language];
    if (!texts) {
      problems.push({ file: files.texts[language], message: `missing: the course offers "${language}" (languages), so every text needs this file` });
      continue;
    }
    for (const { key, stepId } of keys) {
      const value = lookup(texts, key);
      if (value === undefined || value.trim() === '') {
        problems.push({ file: files.texts[language], stepId, field: key, message: value === undefined ? 'text missing' : 'text is empty' });
      }
    }
  }
  return problems;
}

function checkStepFiles(
  step: CourseStep,
  course: Course,
  file: string,
  courseFileExists: (file: string) => boolean,
  publicFileExists: (url: string) => boolean,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (step.type === 'video') {
    for (const [field, url] of [
      ['src', step.src],
      ['signLanguage', step.signLanguage],
    ] as const) {
      if (url !== undefined && !publicFileExists(url)) problems.push({ file, stepId: step.id, field, message: `no file public${url}` });
    }
    if (step.src !== undefined) {
      for (const language of course.languages) {
        const caption = step.captions?.[language];
        if (!caption)
          problems.push({ file, stepId: step.id, field: `captions.${language}`, message: 'a video needs captions in every language of the course' });
        else if (!caption.endsWith('.vtt'))
          problems.push({ file, stepId: step.id, field: `captions.${language}`, message: 'captions must be a WebVTT (.vtt) file' });
        else if (!publicFileExists(caption)) problems.push({ file, stepId: step.id, field: `captions.${language}`, message: `no file public${caption}` });
      }
    }
  }
  if (step.type === 'material' && step.file !== undefined && !courseFileExists(step.file)) {
    problems.push({ file, stepId: step.id, field: 'file', message: `no file ${step.file} in the course folder` });
  }
  return problems;
}

/** Every text key the course uses, with the step that uses it. */
export function textKeysOf(course: Course): { key: string; stepId?: string }[] {
  const keys: { key: string; stepId?: string }[] = [course.titleKey, course.summaryKey, course.earnsKey].map((key) => ({ key }));
  for (const lesson of course.lessons) {
    keys.push({ key: lesson.titleKey });
    for (const step of lesson.steps) keys.push(...collectKeys(step).map((key) => ({ key, stepId: step.id })));
  }
  return keys;
}

/** The values of every `…Key` field, anywhere in a step. */
function collectKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(collectKeys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([field, inner]) => (field.endsWith('Key') && typeof inner === 'string' ? [inner] : collectKeys(inner)));
}

function lookup(texts: LessonTexts, key: string): string | undefined {
  let node: string | LessonTexts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}
