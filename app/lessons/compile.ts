// Compiles a resolved module into its XState v5 lesson machine (decision 0005). Pure and
// browser-safe: the same machine runs in the player and judges events on the server.
import { assign, createActor, initialTransition, setup, type ActorScope, type SnapshotFrom } from 'xstate';
import { z } from 'zod';
import { answerSchemaFor, checkAnswer, type ChoiceAnswer, type LessonAnswer } from './answers';
import { distancesToEnd, predecessorsOf, stepsById } from './graph';
import { isAnswerStep, skipTarget, type LessonModule, type LessonStep } from './schema';

export const lessonEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('NEXT') }).strict(),
  z.object({ type: z.literal('BACK') }).strict(),
  z.object({ type: z.literal('ANSWER'), step: z.string(), answer: z.unknown() }).strict(),
  // "I'd rather skip": moves on without an answer, only where the step allows it (decision 0009).
  z.object({ type: z.literal('SKIP'), step: z.string() }).strict(),
]);
/** Why something is refused as no lesson event at all. */
export const notALessonEvent = 'not a lesson event: expected NEXT, BACK, ANSWER with step and answer, or SKIP with step';
export type LessonEvent = z.infer<typeof lessonEventSchema>;

export interface LessonContext {
  /** The answer per step id, only for steps on `path`. */
  answers: Record<string, LessonAnswer>;
  /** The steps on `path` she skipped (no answer), so counts can say "skipped", not "answered". */
  skipped: string[];
  /** The step ids visited, the current one last; BACK pops it. */
  path: string[];
}

function buildLessonMachine(module: LessonModule) {
  const steps = stepsById(module);
  // A choice tries its options' guards in turn; the answer is parsed once per event, and the
  // parsed answer (only known fields) is what the context keeps.
  const parsedAnswers = new WeakMap<object, LessonAnswer | null>();
  const parsedAnswer = (event: { step: string; answer?: unknown }): LessonAnswer | null => {
    let parsed = parsedAnswers.get(event);
    if (parsed === undefined) {
      const step = steps.get(event.step);
      const result = step !== undefined && isAnswerStep(step) ? answerSchemaFor(step).safeParse(event.answer) : undefined;
      parsed = result?.success ? result.data : null;
      parsedAnswers.set(event, parsed);
    }
    return parsed;
  };

  const lessonSetup = setup({
    types: { context: {} as LessonContext, events: {} as LessonEvent },
    guards: {
      answerFits: ({ event }, params: { step: string }) => event.type === 'ANSWER' && event.step === params.step && parsedAnswer(event) !== null,
      choseOption: ({ event }, params: { step: string; option: string }) =>
        event.type === 'ANSWER' && event.step === params.step && (parsedAnswer(event) as ChoiceAnswer | null)?.option === params.option,
      cameFrom: ({ context }, params: { step: string }) => context.path.length > 1 && context.path.at(-2) === params.step,
      skipsStep: ({ event }, params: { step: string }) => event.type === 'SKIP' && event.step === params.step,
    },
    actions: {
      // An answer replaces a skip of the same step (after BACK), and a skip an answer.
      recordAnswer: assign(({ context, event }) =>
        event.type === 'ANSWER'
          ? { answers: { ...context.answers, [event.step]: parsedAnswer(event)! }, skipped: context.skipped.filter((step) => step !== event.step) }
          : {},
      ),
      recordSkip: assign(({ context, event }) => {
        if (event.type !== 'SKIP') return {};
        const { [event.step]: _dropped, ...answers } = context.answers;
        return { answers, skipped: [...context.skipped.filter((step) => step !== event.step), event.step] };
      }),
      advance: assign({ path: ({ context }, params: { to: string }) => [...context.path, params.to] }),
      // Answers of steps no longer on the path are dropped, so a changed branch leaves no trace.
      goBack: assign(({ context }) => {
        const path = context.path.slice(0, -1);
        const onPath = new Set(path);
        const answers = Object.fromEntries(Object.entries(context.answers).filter(([step]) => onPath.has(step)));
        return { path, answers, skipped: context.skipped.filter((step) => onPath.has(step)) };
      }),
    },
  });
  type MachineConfig = Parameters<typeof lessonSetup.createMachine>[0];
  type StatesConfig = NonNullable<MachineConfig['states']>;

  const predecessors = predecessorsOf(module);
  const states: StatesConfig = {};
  for (const step of module.steps) {
    if (step.type === 'end') {
      states[step.id] = { type: 'final' };
      continue;
    }
    const back = module.allowBack ? (predecessors.get(step.id) ?? []) : [];
    states[step.id] = {
      on: {
        ...forwardTransitions(step),
        ...(back.length ? { BACK: back.map((before) => ({ target: before, guard: { type: 'cameFrom', params: { step: before } }, actions: 'goBack' })) } : {}),
      },
    };
  }
  return lessonSetup.createMachine({ id: module.id, initial: module.start, context: { answers: {}, skipped: [], path: [module.start] }, states });
}

function forwardTransitions(step: Exclude<LessonStep, { type: 'end' }>) {
  const advance = (to: string) => ({ type: 'advance', params: { to } }) as const;
  const skipTo = skipTarget(step);
  const skip =
    skipTo === undefined
      ? {}
      : { SKIP: { target: skipTo, guard: { type: 'skipsStep', params: { step: step.id } } as const, actions: ['recordSkip', advance(skipTo)] as const } };
  if (step.type === 'choice') {
    return {
      ANSWER: step.options.map((option) => ({
        target: option.next,
        guard: { type: 'choseOption', params: { step: step.id, option: option.id } } as const,
        actions: ['recordAnswer', advance(option.next)] as const,
      })),
      ...skip,
    };
  }
  if (isAnswerStep(step)) {
    return {
      ANSWER: {
        target: step.next,
        guard: { type: 'answerFits', params: { step: step.id } } as const,
        actions: ['recordAnswer', advance(step.next)] as const,
      },
      ...skip,
    };
  }
  return { NEXT: { target: step.next, actions: [advance(step.next)] as const } };
}

export type LessonMachine = ReturnType<typeof buildLessonMachine>;
export type LessonSnapshot = SnapshotFrom<LessonMachine>;

interface Compiled {
  module: LessonModule;
  initial: LessonSnapshot;
  distances: Map<string, number>;
  scope: ActorScope<LessonSnapshot, LessonEvent>;
}
const machines = new WeakMap<LessonModule, LessonMachine>();
const compiled = new WeakMap<LessonMachine, Compiled>();

/** The lesson machine of a resolved module (one per module × variant), compiled once. */
export function compileLessonFlow(module: LessonModule): LessonMachine {
  let machine = machines.get(module);
  if (!machine) {
    machine = buildLessonMachine(module);
    machines.set(module, machine);
    compiled.set(machine, { module, initial: initialTransition(machine)[0], distances: distancesToEnd(module), scope: inertScope(machine) });
  }
  return machine;
}

/**
 * xstate's `transition()` builds a throw-away actor (and its initial state) on every call,
 * most of the cost of a replay. A lesson machine spawns nothing and its only actions are
 * `assign`s, so one inert scope per machine serves every transition, on server and client.
 */
function inertScope(machine: LessonMachine): ActorScope<LessonSnapshot, LessonEvent> {
  const self = createActor(machine);
  const ignore = () => {};
  return {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: ignore,
    defer: ignore,
    emit: ignore,
    stopChild: ignore,
    actionExecutor: ignore,
  } as ActorScope<LessonSnapshot, LessonEvent>;
}

function compiledOf(machine: LessonMachine): Compiled {
  const entry = compiled.get(machine);
  if (!entry) throw new Error('not a machine from compileLessonFlow');
  return entry;
}

export function initialLessonSnapshot(machine: LessonMachine): LessonSnapshot {
  return compiledOf(machine).initial;
}

export type LessonEventResult = { ok: true; snapshot: LessonSnapshot } | { ok: false; reason: string };

/**
 * Applies one event if the machine allows it. `from` is a snapshot or the events so far
 * (replayed first). A refused event leaves nothing changed and says why.
 */
export function applyLessonEvent(machine: LessonMachine, from: LessonSnapshot | readonly unknown[], event: unknown): LessonEventResult {
  let snapshot: LessonSnapshot;
  if (Array.isArray(from)) {
    const replayed = replayLessonEvents(machine, from);
    if (!replayed.ok) return replayed;
    snapshot = replayed.snapshot;
  } else {
    snapshot = from as LessonSnapshot;
  }
  const parsed = lessonEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, reason: notALessonEvent };
  if (snapshot.status !== 'active') return { ok: false, reason: 'the lesson has ended' };
  const next = machine.transition(snapshot, parsed.data, compiledOf(machine).scope);
  // XState returns the same snapshot when no transition is enabled.
  if (next === snapshot) return { ok: false, reason: refusalReason(compiledOf(machine).module, snapshot, parsed.data) };
  return { ok: true, snapshot: next };
}

/** The state after these events from the start, or the first event that is not allowed. */
export function replayLessonEvents(machine: LessonMachine, events: readonly unknown[]): LessonEventResult | { ok: false; reason: string; index: number } {
  let snapshot = initialLessonSnapshot(machine);
  for (let index = 0; index < events.length; index++) {
    const result = applyLessonEvent(machine, snapshot, events[index]);
    if (!result.ok) return { ok: false, reason: `event ${index + 1}: ${result.reason}`, index };
    snapshot = result.snapshot;
  }
  return { ok: true, snapshot };
}

function refusalReason(module: LessonModule, snapshot: LessonSnapshot, event: LessonEvent): string {
  const step = stepsById(module).get(currentStepId(snapshot))!;
  if (event.type === 'BACK') return module.allowBack ? 'there is no step to go back to' : 'this module does not allow going back';
  if (event.type === 'NEXT') return `step "${step.id}" (${step.type}) is answered with ANSWER, not NEXT`;
  if (event.type === 'SKIP') {
    if (event.step !== step.id) return `the current step is "${step.id}", not "${event.step}"`;
    return `step "${step.id}" (${step.type}) cannot be skipped`;
  }
  if (!isAnswerStep(step)) return `step "${step.id}" (${step.type}) takes NEXT, not ANSWER`;
  if (event.step !== step.id) return `the current step is "${step.id}", not "${event.step}"`;
  const checked = checkAnswer(step, event.answer);
  return checked.ok ? `step "${step.id}": answer not allowed` : checked.reason;
}

export function currentStepId(snapshot: LessonSnapshot): string {
  // A lesson machine is flat: its value is the step id.
  const value: unknown = snapshot.value;
  if (typeof value !== 'string') throw new Error('a lesson snapshot has a step id as its value');
  return value;
}

/**
 * Where the learner is (1-based, along her path), how long the whole lesson will likely be, and
 * `fraction`: how far she is (0–1) as a bar shows it. The estimate changes with her branches
 * (16, 17, 18 steps), so the fraction is the furthest any step of her path reached: it only
 * grows as she plays on, and the screen never shows a total that changes (issue 12).
 */
export function progressAlongPath(module: LessonModule, snapshot: LessonSnapshot): { position: number; estimatedTotal: number; fraction: number } {
  const position = snapshot.context.path.length;
  const { distances } = compiledOf(compileLessonFlow(module));
  const remaining = distances.get(currentStepId(snapshot)) ?? 0;
  let fraction = 0;
  snapshot.context.path.forEach((stepId, index) => {
    fraction = Math.max(fraction, (index + 1) / (index + 1 + (distances.get(stepId) ?? 0)));
  });
  return { position, estimatedTotal: position + remaining, fraction };
}
