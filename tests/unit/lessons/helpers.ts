// Shared by the lesson tests: where the fixture modules are, and which media they may use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonEvent } from '~/lessons/compile';
import { isAnswerStep, skipTarget, type LessonModule, type LessonStep } from '~/lessons/schema';

export const fixturesFolder = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string) => path.join(fixturesFolder, name);
/** A fixture file as the messages name it: relative to the working directory. */
export const fixtureFile = (...parts: string[]) => path.relative(process.cwd(), path.join(fixturesFolder, ...parts));

const pictograms = ['smile', 'sad', 'camera', 'question', 'thumbs-up', 'thumbs-down', 'friends', 'family', 'person', 'ok', 'not-ok', 'doubt', 'heart', 'speech', 'silent', 'stop'];
const moduleMedia = ['intro.svg', 'panel1.svg', 'lina.svg', 'welcome.svg', 'film.mp4', 'film-vgt.mp4', 'tip-vgt.mp4', 'film.nl.vtt', 'film.fr.vtt', 'film.en.vtt'];

/** The fixtures' public files: no binary media in the repository for a test. */
export const fixtureMedia = new Set([
  ...pictograms.map((name) => `/pictograms/${name}.svg`),
  ...moduleMedia.map((name) => `/modules/every-step/${name}`),
  '/modules/video-captions/film.mp4',
  '/modules/video-captions/film.nl.vtt',
  '/modules/video-captions/film.en.vtt',
]);
export const fixtureFileExists = (url: string) => fixtureMedia.has(url);


/** One valid answer for a step that takes ANSWER (the first option, everything placed, …). */
export function sampleAnswer(step: LessonStep): unknown {
  switch (step.type) {
    case 'choice':
      return { option: step.options[0]!.id };
    case 'poll':
      return step.multiple ? { options: [step.options[0]!.id] } : { option: step.options[0]!.id };
    case 'quiz':
      return { options: [step.options[0]!.id] };
    case 'sort':
      return { placements: Object.fromEntries(step.items.map((item) => [item.id, step.categories[0]!.id])) };
    case 'body-map':
      return { person: step.persons[0]!.id, marks: [{ icon: 'talk', zone: step.zones[0]!.id }] };
    default:
      throw new Error(`step "${step.id}" (${step.type}) takes NEXT`);
  }
}

/** The events that move a learner forward from a step: one per choice option, else one. */
export function forwardEvents(step: LessonStep): LessonEvent[] {
  if (step.type === 'end') return [];
  if (step.type === 'choice') return step.options.map((option) => ({ type: 'ANSWER', step: step.id, answer: { option: option.id } }));
  if (isAnswerStep(step)) return [{ type: 'ANSWER', step: step.id, answer: sampleAnswer(step) }];
  return [{ type: 'NEXT' }];
}

/** "I'd rather skip", where the step allows it (decision 0009); nothing elsewhere. */
export function skipEvents(step: LessonStep): LessonEvent[] {
  return skipTarget(step) === undefined ? [] : [{ type: 'SKIP', step: step.id }];
}

export function stepOf(module: LessonModule, id: string): LessonStep {
  const step = module.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`no step "${id}" in ${module.id}`);
  return step;
}
