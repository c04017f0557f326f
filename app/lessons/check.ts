// The content check over one resolved module × variant (decision 0005): flow, text in every
// language, captions, Roma pictograms, media files, sentence length for girls. Pure: the
// caller says which public files exist.
import { supportedLanguages, type Language } from '../i18n/config';
import { distancesToEnd, reachableFrom, routesToEnd, stepsById } from './graph';
import { formatFieldPath, type ContentProblem } from './problems';
import type { ResolvedLesson } from './resolved';
import { stepTargets, type LessonModule, type LessonStep } from './schema';
import { findModuleText } from './texts';

/** Above this many words per sentence on average, text is too hard for girls of 11–13. */
export const maxAverageSentenceWords = 12;
// Facilitator-only text, not read by the girls.
const facilitatorFields = new Set(['guideKey', 'instructionsKey']);
// Names and labels are not sentences: counted, they would pull the average down.
const labelFields = new Set(['titleKey', 'nameKey', 'labelKey']);
const mediaFields = new Set(['illustration', 'avatar', 'src', 'signLanguage']);

export type FileExists = (publicPath: string) => boolean;

export function checkLesson(lesson: ResolvedLesson, fileExists: FileExists): ContentProblem[] {
  return [
    ...checkFlow(lesson),
    ...checkSafetyPaths(lesson),
    ...checkTexts(lesson),
    ...checkCaptions(lesson),
    ...checkPictograms(lesson),
    ...checkMediaFiles(lesson, fileExists),
    ...checkSentenceLength(lesson),
  ];
}

/** How many routes lead from start to an end (a loop adds none). */
export function countRoutes(module: LessonModule): number {
  return routesToEnd(module).length;
}

const fileOf = (lesson: ResolvedLesson, stepId: string) => lesson.files.stepFiles[stepId] ?? lesson.files.structure;
const nextField = (step: LessonStep) => (step.type === 'choice' ? 'options' : 'next');

function checkFlow(lesson: ResolvedLesson): ContentProblem[] {
  const { module } = lesson;
  const problems: ContentProblem[] = [];
  const reachable = reachableFrom(module);
  for (const step of module.steps) {
    if (!reachable.has(step.id)) {
      problems.push({
        file: fileOf(lesson, step.id),
        stepId: step.id,
        field: 'id',
        message: `unreachable step: no path from start "${module.start}" leads here`,
      });
    }
  }
  // A reachable step that never reaches an end traps the learner; with every `next` required,
  // that can only be a loop with no way out, or a path into one.
  const distances = distancesToEnd(module);
  const stuck = module.steps.filter((step) => reachable.has(step.id) && !distances.has(step.id));
  const steps = stepsById(module);
  const reach = new Map(stuck.map((step) => [step.id, reachableFrom(module, step.id)]));
  for (const step of stuck) {
    const own = reach.get(step.id)!;
    const loop = [...own].filter((id) => reach.get(id)!.has(step.id));
    const isTrap = own.size === loop.length;
    const file = fileOf(lesson, step.id);
    // One message per loop, on its first step in module order.
    const firstOfLoop = stuck.find((other) => loop.includes(other.id))!.id;
    if (isTrap && firstOfLoop === step.id) {
      problems.push({
        file,
        stepId: step.id,
        field: nextField(step),
        message: `loop with no way out: ${describeLoop(step.id, loop, steps)} — no step in it leads to an end step`,
      });
    } else if (!isTrap) {
      const trap = stuck.find((other) => own.has(other.id) && [...reach.get(other.id)!].every((id) => reach.get(id)!.has(other.id)))!;
      const trapLoop = [...reach.get(trap.id)!];
      problems.push({
        file,
        stepId: step.id,
        field: nextField(step),
        message: `never reaches an end step: every path from here runs into the loop with no way out ${describeLoop(trap.id, trapLoop, steps)}`,
      });
    }
  }
  return problems;
}

/**
 * Decision 0010: every path — every option, every skip — passes each `mustVisit` step, and
 * a help step before every end. A path that does not is named, with the options it took.
 * Walked on the step graph (skips are edges), so hundreds of ways by event stay cheap.
 */
function checkSafetyPaths(lesson: ResolvedLesson): ContentProblem[] {
  const { module } = lesson;
  if (module.audience !== 'girls') return [];
  const problems: ContentProblem[] = [];
  const file = lesson.files.overlay ?? lesson.files.structure;
  for (const id of module.mustVisit ?? []) {
    const miss = pathAvoiding(module, new Set([id]));
    if (miss) problems.push({ file, field: 'mustVisit', message: `a path misses "${id}": ${miss}` });
  }
  const helpSteps = new Set(module.steps.filter((step) => step.type === 'help').map((step) => step.id));
  for (const end of module.steps.filter((step) => step.type === 'end')) {
    const miss = pathAvoiding(module, helpSteps, end.id);
    if (miss) problems.push({ file: fileOf(lesson, end.id), stepId: end.id, field: 'type', message: `no help step before this end on the path ${miss}` });
  }
  return problems;
}

/** How a step leads on: each target with what the learner did (an option, a skip). */
function edgesOf(step: LessonStep): { to: string; how?: string }[] {
  if (step.type === 'end') return [];
  if (step.type === 'choice') return [...step.options.map((option) => ({ to: option.next, how: option.id })), { to: step.skipNext, how: 'skip' }];
  return [{ to: step.next }];
}

/** The shortest path from start to an end (or to `target`) that passes none of `avoid`, written out; undefined when there is none. */
export function pathAvoiding(module: LessonModule, avoid: Set<string>, target?: string): string | undefined {
  const steps = stepsById(module);
  if (avoid.has(module.start)) return undefined;
  const cameFrom = new Map<string, { from: string; how?: string } | null>([[module.start, null]]);
  const queue = [module.start];
  while (queue.length) {
    const id = queue.shift()!;
    const step = steps.get(id)!;
    if (target === undefined ? step.type === 'end' : id === target) {
      const parts: string[] = [id];
      for (let at = cameFrom.get(id); at; at = cameFrom.get(at.from)) parts.unshift(at.how ? `${at.from} [${at.how}]` : at.from);
      return parts.join(' → ');
    }
    for (const edge of edgesOf(step)) {
      if (avoid.has(edge.to) || cameFrom.has(edge.to) || !steps.has(edge.to)) continue;
      cameFrom.set(edge.to, { from: id, how: edge.how });
      queue.push(edge.to);
    }
  }
  return undefined;
}

/** `a → b → a`: the shortest way round the loop from its first step. */
function describeLoop(first: string, loop: string[], steps: Map<string, LessonStep>): string {
  const members = new Set(loop);
  const cameFrom = new Map<string, string>();
  const queue = [first];
  while (queue.length) {
    const at = queue.shift()!;
    for (const next of stepTargets(steps.get(at)!)) {
      if (!members.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      if (next === first) queue.length = 0;
      else queue.push(next);
    }
  }
  const chain = [first];
  for (let at = cameFrom.get(first); at !== undefined && at !== first; at = cameFrom.get(at)) chain.unshift(at);
  chain.unshift(first);
  return chain.join(' → ');
}

interface FieldValue {
  path: (string | number)[];
  /** The name of the field holding the value (for a list item: the list's name). */
  name: string;
  value: unknown;
}

function* fieldValues(value: unknown, path: (string | number)[] = [], name = ''): Generator<FieldValue> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* fieldValues(value[i], [...path, i], name);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* fieldValues(child, [...path, key], key);
  } else {
    yield { path, name, value };
  }
}

interface TextRef {
  stepId?: string;
  field: string;
  key: string;
  /** Running text a girl reads (not a facilitator note, not a label or name). */
  isProse: boolean;
}

/** Every text key the module uses: fields named `…Key`, and the items of lists named `…Keys`. */
function textRefs(module: LessonModule): TextRef[] {
  const refs: TextRef[] = [
    { field: 'titleKey', key: module.titleKey, isProse: false },
    { field: 'summaryKey', key: module.summaryKey, isProse: true },
  ];
  for (const step of module.steps) {
    for (const { path, name, value } of fieldValues(step)) {
      if (typeof value !== 'string' || !/Keys?$/.test(name)) continue;
      const isProse = !facilitatorFields.has(name) && !labelFields.has(name);
      refs.push({ stepId: step.id, field: formatFieldPath(path), key: value, isProse });
    }
  }
  return refs;
}

function textFileFor(lesson: ResolvedLesson, language: Language, stepId?: string): string {
  const fromOverlay = stepId !== undefined && lesson.files.overlay !== undefined && fileOf(lesson, stepId) === lesson.files.overlay;
  return fromOverlay && lesson.files.overlayTexts ? lesson.files.overlayTexts[language] : lesson.files.texts[language];
}

function checkTexts(lesson: ResolvedLesson): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const refs = textRefs(lesson.module);
  for (const language of supportedLanguages) {
    const texts = lesson.texts[language];
    if (!texts) {
      problems.push({ file: lesson.files.texts[language], message: `missing: every module has a text file per language (${supportedLanguages.join(', ')})` });
      continue;
    }
    for (const ref of refs) {
      const text = findModuleText(texts, ref.key);
      if (text === undefined || text.trim() === '') {
        const file = ref.stepId === undefined ? lesson.files.texts[language] : textFileFor(lesson, language, ref.stepId);
        problems.push({ file, stepId: ref.stepId, field: ref.field, message: `${text === undefined ? 'no' : 'empty'} ${language} text for "${ref.key}"` });
      }
    }
  }
  return problems;
}

function checkCaptions(lesson: ResolvedLesson): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const step of lesson.module.steps) {
    if (step.type !== 'video') continue;
    for (const language of supportedLanguages) {
      const captions = step.captions[language];
      const file = fileOf(lesson, step.id);
      if (!captions)
        problems.push({
          file,
          stepId: step.id,
          field: `captions.${language}`,
          message: `no ${language} captions: every video needs WebVTT captions in every language`,
        });
      else if (!captions.endsWith('.vtt')) problems.push({ file, stepId: step.id, field: `captions.${language}`, message: 'must be a WebVTT file (.vtt)' });
    }
  }
  return problems;
}

/** The lists whose entries the Roma variant shows with a pictogram. */
function pictogramLists(step: LessonStep): [string, { pictogram?: string }[]][] {
  switch (step.type) {
    case 'choice':
    case 'quiz':
    case 'poll':
      return [['options', step.options]];
    case 'sort':
      return [
        ['categories', step.categories],
        ['items', step.items],
      ];
    case 'body-map':
      return [['persons', step.persons]];
    default:
      return [];
  }
}

function checkPictograms(lesson: ResolvedLesson): ContentProblem[] {
  if (lesson.variant !== 'roma') return [];
  const problems: ContentProblem[] = [];
  for (const step of lesson.module.steps) {
    for (const [list, entries] of pictogramLists(step)) {
      entries.forEach((entry, i) => {
        if (entry.pictogram) return;
        problems.push({
          file: fileOf(lesson, step.id),
          stepId: step.id,
          field: `${list}[${i}].pictogram`,
          message: 'the roma variant shows a pictogram with every option, category, item and person (set it here, or replace the list in variants/roma.yaml)',
        });
      });
    }
  }
  return problems;
}

function checkMediaFiles(lesson: ResolvedLesson, fileExists: FileExists): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const step of lesson.module.steps) {
    for (const { path, name, value } of fieldValues(step)) {
      if (typeof value !== 'string') continue;
      const isCaption = path[0] === 'captions';
      const url = name === 'pictogram' ? `/pictograms/${value}.svg` : mediaFields.has(name) || isCaption ? value : undefined;
      if (url !== undefined && !fileExists(url)) {
        problems.push({ file: fileOf(lesson, step.id), stepId: step.id, field: formatFieldPath(path), message: `file not found: public${url}` });
      }
    }
  }
  return problems;
}

interface Sentence {
  text: string;
  words: number;
  ref: TextRef;
}

export function splitSentences(text: string): { text: string; words: number }[] {
  return text
    .split(/[.!?…]+|\n+/)
    .map((sentence) => sentence.trim())
    .map((sentence) => ({ text: sentence, words: sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length }))
    .filter((sentence) => sentence.words > 0);
}

function girlsSentences(lesson: ResolvedLesson, language: Language): Sentence[] {
  const texts = lesson.texts[language];
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  for (const ref of textRefs(lesson.module)) {
    if (!ref.isProse || seen.has(ref.key)) continue;
    seen.add(ref.key);
    for (const sentence of splitSentences(findModuleText(texts, ref.key) ?? '')) sentences.push({ ...sentence, ref });
  }
  return sentences;
}

/** The reading-level aims of decision 0010 (content:check prints the figures beside them). */
export const readingAims = { standard: { average: 10, longest: 18 }, roma: { average: 8, longest: 12 } } as const;

export interface ReadingLevel {
  sentences: number;
  average: number;
  longest: number;
}

/** Words per sentence on the girls' screens of one module × variant, in one language. */
export function readingLevel(lesson: ResolvedLesson, language: Language): ReadingLevel {
  const sentences = girlsSentences(lesson, language);
  const words = sentences.map((sentence) => sentence.words);
  return {
    sentences: sentences.length,
    average: words.length ? words.reduce((sum, n) => sum + n, 0) / words.length : 0,
    longest: words.length ? Math.max(...words) : 0,
  };
}

function checkSentenceLength(lesson: ResolvedLesson): ContentProblem[] {
  if (lesson.module.audience !== 'girls') return [];
  const sentences = girlsSentences(lesson, 'nl');
  if (!sentences.length) return [];
  const average = sentences.reduce((sum, sentence) => sum + sentence.words, 0) / sentences.length;
  if (average <= maxAverageSentenceWords) return [];
  const longest = [...sentences].sort((a, b) => b.words - a.words).slice(0, 3);
  const where = (ref: TextRef) => (ref.stepId === undefined ? ref.field : `step "${ref.stepId}" → ${ref.field}`);
  const list = longest.map((sentence) => `"${sentence.text}" (${sentence.words} words, ${where(sentence.ref)})`).join('; ');
  const top = longest[0]!.ref;
  return [
    {
      file: textFileFor(lesson, 'nl', top.stepId),
      stepId: top.stepId,
      field: top.field,
      message: `Dutch sentences average ${average.toFixed(1)} words over ${sentences.length} sentences (at most ${maxAverageSentenceWords} for girls); longest: ${list}`,
    },
  ];
}
