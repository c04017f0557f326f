// Shared by the lesson tests: where the fixture modules are, and which media they may use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonEvent } from '~/lessons/compile';
import { isAnswerStep, skipTarget, type LessonModule, type LessonStep, type StepOf } from '~/lessons/schema';

export const fixturesFolder = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string) => path.join(fixturesFolder, name);
/** A fixture file as the messages name it: relative to the working directory. */
export const fixtureFile = (...parts: string[]) => path.relative(process.cwd(), path.join(fixturesFolder, ...parts));

const pictograms = [
  'smile',
  'sad',
  'camera',
  'question',
  'thumbs-up',
  'thumbs-down',
  'friends',
  'family',
  'person',
  'ok',
  'not-ok',
  'doubt',
  'heart',
  'speech',
  'silent',
  'stop',
];
const moduleMedia = [
  'intro.svg',
  'panel1.svg',
  'lina.svg',
  'welcome.svg',
  'film.mp4',
  'film-vgt.mp4',
  'tip-vgt.mp4',
  'film.nl.vtt',
  'film.fr.vtt',
  'film.en.vtt',
];

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

/** One way forward from a step: the event, the step it leads to, and the option for a choice. */
export function forwardMoves(step: LessonStep): { event: LessonEvent; to: string; option?: string }[] {
  if (step.type === 'end') return [];
  if (step.type === 'choice')
    return step.options.map((option) => ({ event: { type: 'ANSWER', step: step.id, answer: { option: option.id } }, to: option.next, option: option.id }));
  return forwardEvents(step).map((event) => ({ event, to: step.next }));
}

/**
 * The shortest way from the module's start to `target`, answering (first options first):
 * the steps passed (`path`, the target last), the events a learner sends, and the option a
 * group's facilitator picks at each step (undefined where none is asked).
 */
export function routeTo(module: LessonModule, target: string): { path: string[]; events: LessonEvent[]; options: (string | undefined)[] } {
  const queue = [{ path: [module.start], events: [] as LessonEvent[], options: [] as (string | undefined)[] }];
  const seen = new Set([module.start]);
  while (queue.length) {
    const route = queue.shift()!;
    if (route.path.at(-1) === target) return route;
    for (const move of forwardMoves(stepOf(module, route.path.at(-1)!))) {
      if (seen.has(move.to)) continue;
      seen.add(move.to);
      queue.push({ path: [...route.path, move.to], events: [...route.events, move.event], options: [...route.options, move.option] });
    }
  }
  throw new Error(`no way from "${module.start}" to "${target}" in ${module.id}`);
}

/** The steps in the order a group meets them (breadth-first from the start). */
export function stepsInOrder(module: LessonModule): LessonStep[] {
  const order: string[] = [module.start];
  for (let i = 0; i < order.length; i++) for (const move of forwardMoves(stepOf(module, order[i]!))) if (!order.includes(move.to)) order.push(move.to);
  return order.map((id) => stepOf(module, id));
}

/** The first choice (in that order) whose options lead to different steps. */
export function firstBranchingChoice(module: LessonModule): StepOf<'choice'> {
  const choice = stepsInOrder(module).find(
    (step): step is StepOf<'choice'> => step.type === 'choice' && new Set(step.options.map((option) => option.next)).size > 1,
  );
  if (!choice) throw new Error(`${module.id} has no choice that branches`);
  return choice;
}
