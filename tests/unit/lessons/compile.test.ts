import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  applyLessonEvent,
  compileLessonFlow,
  currentStepId,
  initialLessonSnapshot,
  progressAlongPath,
  replayLessonEvents,
  type LessonEvent,
  type LessonSnapshot,
} from '~/lessons/compile';
import { readLessonModule } from '~/lessons/load.server';
import { fixture } from './helpers';

const everyStep = readLessonModule(fixture('every-step'));
const module = everyStep.variants.standard.module;
const machine = compileLessonFlow(module);

const next: LessonEvent = { type: 'NEXT' };
const back: LessonEvent = { type: 'BACK' };
const answer = (step: string, value: unknown): LessonEvent => ({ type: 'ANSWER', step, answer: value });
const skip = (step: string): LessonEvent => ({ type: 'SKIP', step });
const toDilemma = [next, next, answer('feeling', { option: 'happy' })];

function replayed(events: unknown[]): LessonSnapshot {
  const result = replayLessonEvents(machine, events);
  if (!result.ok) throw new Error(result.reason);
  return result.snapshot;
}

function refusal(events: unknown[], event: unknown): string {
  const before = replayed(events);
  const result = applyLessonEvent(machine, before, event);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

describe('compileLessonFlow', () => {
  it('runs as an actor: NEXT through stories, ANSWER on a choice follows the chosen branch', () => {
    const actor = createActor(machine).start();
    expect(actor.getSnapshot().value).toBe('intro');
    actor.send(next);
    actor.send(next);
    expect(actor.getSnapshot().value).toBe('feeling');
    actor.send(answer('feeling', { option: 'sad' }));
    actor.send(answer('dilemma', { option: 'block' }));
    expect(actor.getSnapshot().value).toBe('quiz');
    expect(actor.getSnapshot().context).toEqual({
      answers: { feeling: { option: 'sad' }, dilemma: { option: 'block' } },
      skipped: [],
      path: ['intro', 'chat', 'feeling', 'dilemma', 'quiz'],
    });
    actor.stop();
  });

  it('takes each option of a choice to its own next step', () => {
    expect(currentStepId(replayed([...toDilemma, answer('dilemma', { option: 'talk' })]))).toBe('advice');
    expect(currentStepId(replayed([...toDilemma, answer('dilemma', { option: 'ignore' })]))).toBe('think-again');
    expect(currentStepId(replayed([...toDilemma, answer('dilemma', { option: 'block' })]))).toBe('quiz');
  });

  it('ends in a final state that takes no more events', () => {
    const events = [
      ...toDilemma,
      answer('dilemma', { option: 'block' }),
      answer('quiz', { options: ['yes'] }),
      answer('quiz-many', { options: ['friend', 'family'] }),
      answer('sort', { placements: { hug: 'okay', photo: 'not-okay' } }),
      answer('body', {
        person: 'friend',
        marks: [
          { icon: 'talk', zone: 'head' },
          { icon: 'touch', zone: 'hands' },
        ],
      }),
      next,
      next,
      next,
    ];
    const done = replayed(events);
    expect(currentStepId(done)).toBe('end');
    expect(done.status).toBe('done');
    expect(refusal(events, next)).toBe('the lesson has ended');
    expect(refusal(events, back)).toBe('the lesson has ended');
  });

  it('compiles once per module × variant', () => {
    expect(compileLessonFlow(module)).toBe(machine);
    expect(compileLessonFlow(everyStep.variants.roma.module)).not.toBe(machine);
    expect(initialLessonSnapshot(compileLessonFlow(everyStep.variants.roma.module)).value).toBe('welcome');
  });

  it('uses named guards and actions, no inline logic in the config', () => {
    expect(Object.keys(machine.implementations.guards).sort()).toEqual(['answerFits', 'cameFrom', 'choseOption', 'skipsStep']);
    expect(Object.keys(machine.implementations.actions).sort()).toEqual(['advance', 'goBack', 'recordAnswer', 'recordSkip']);
    for (const state of Object.values(machine.root.states)) {
      for (const transitions of state.transitions.values()) {
        for (const transition of transitions) {
          if (transition.guard) expect(typeof transition.guard).not.toBe('function');
          for (const action of transition.actions) expect(typeof action).not.toBe('function');
        }
      }
    }
  });
});

describe('refused events leave the snapshot as it was', () => {
  it('refuses an answer for another step than the current one', () => {
    expect(refusal(toDilemma, answer('advice', { option: 'film' }))).toBe('the current step is "dilemma", not "advice"');
  });

  it('refuses NEXT on a step that takes ANSWER, and ANSWER on a step that takes NEXT', () => {
    expect(refusal(toDilemma, next)).toBe('step "dilemma" (choice) is answered with ANSWER, not NEXT');
    expect(refusal([], answer('intro', { option: 'x' }))).toBe('step "intro" (story) takes NEXT, not ANSWER');
  });

  it('refuses what is not a lesson event at all', () => {
    expect(refusal([], { type: 'xstate.init' })).toMatch(/not a lesson event/);
    expect(refusal([], { type: 'NEXT', extra: 1 })).toMatch(/not a lesson event/);
    expect(refusal([], 'NEXT')).toMatch(/not a lesson event/);
  });

  const atStep = {
    dilemma: toDilemma,
    quiz: [...toDilemma, answer('dilemma', { option: 'block' })],
    'quiz-many': [...toDilemma, answer('dilemma', { option: 'block' }), answer('quiz', { options: ['no'] })],
    sort: [...toDilemma, answer('dilemma', { option: 'block' }), answer('quiz', { options: ['no'] }), answer('quiz-many', { options: ['friend'] })],
    body: [
      ...toDilemma,
      answer('dilemma', { option: 'block' }),
      answer('quiz', { options: ['no'] }),
      answer('quiz-many', { options: ['friend'] }),
      answer('sort', { placements: { hug: 'okay', photo: 'doubt' } }),
    ],
  };
  const badAnswers: [keyof typeof atStep | 'feeling', unknown, RegExp][] = [
    ['feeling', { option: 'angry' }, /unknown option "angry"/],
    ['feeling', { options: ['happy'] }, /answer with one "option"/],
    ['dilemma', { option: 'run' }, /unknown option "run"/],
    ['dilemma', { option: 'talk', note: 'hi' }, /Unrecognized key/],
    ['dilemma', null, /Expected object/],
    ['quiz', { options: ['yes', 'no'] }, /exactly one option/],
    ['quiz', { options: [] }, /at least 1/],
    ['quiz', { options: ['maybe'] }, /unknown option "maybe"/],
    ['quiz-many', { options: ['friend', 'friend'] }, /chosen twice/],
    ['sort', { placements: { hug: 'okay' } }, /item "photo" is not placed/],
    ['sort', { placements: { hug: 'okay', photo: 'later' } }, /unknown category "later" for item "photo"/],
    ['sort', { placements: { hug: 'okay', photo: 'okay', cat: 'okay' } }, /unknown item "cat"/],
    ['body', { person: 'teacher', marks: [] }, /unknown person "teacher"/],
    ['body', { person: 'friend', marks: [{ icon: 'kiss', zone: 'head' }] }, /marks\.0\.icon/],
    ['body', { person: 'friend', marks: [{ icon: 'look', zone: 'feet' }] }, /unknown zone "feet"/],
    [
      'body',
      {
        person: 'friend',
        marks: [
          { icon: 'look', zone: 'head' },
          { icon: 'look', zone: 'head' },
        ],
      },
      /placed twice/,
    ],
  ];
  it.each(badAnswers)('refuses a bad %s answer %j', (step, value, reason) => {
    const before = step === 'feeling' ? [next, next] : atStep[step];
    expect(refusal(before, answer(step, value))).toMatch(reason);
    const snapshot = replayed(before);
    expect(snapshot.can(answer(step, value))).toBe(false);
  });

  it('accepts a good answer of every answer type', () => {
    expect(currentStepId(replayed([...atStep.body, answer('body', { person: 'stranger', marks: [] })]))).toBe('reflect');
    expect(currentStepId(replayed([...atStep['quiz-many'], answer('quiz-many', { options: ['friend', 'stranger'] })]))).toBe('sort');
  });
});

describe('BACK', () => {
  it('is refused on the first step', () => {
    expect(refusal([], back)).toBe('there is no step to go back to');
  });

  it('returns to the step before, along the path taken, and drops answers off the path', () => {
    const atAdvice = replayed([...toDilemma, answer('dilemma', { option: 'talk' })]);
    const backAtDilemma = applyLessonEvent(machine, atAdvice, back);
    expect(backAtDilemma.ok && currentStepId(backAtDilemma.snapshot)).toBe('dilemma');
    // The dilemma's own answer stays (she sees what she chose); the path loses advice.
    expect(backAtDilemma.ok && backAtDilemma.snapshot.context).toEqual({
      answers: { feeling: { option: 'happy' }, dilemma: { option: 'talk' } },
      skipped: [],
      path: ['intro', 'chat', 'feeling', 'dilemma'],
    });
    const backAtFeeling = replayed([...toDilemma, answer('dilemma', { option: 'talk' }), back, back]);
    expect(currentStepId(backAtFeeling)).toBe('feeling');
    expect(backAtFeeling.context.answers).toEqual({ feeling: { option: 'happy' } });
  });

  it('goes back the way she came into a step with several ways in', () => {
    const viaBlock = replayed([...toDilemma, answer('dilemma', { option: 'block' }), back]);
    expect(currentStepId(viaBlock)).toBe('dilemma');
    const viaAdvice = replayed([...toDilemma, answer('dilemma', { option: 'talk' }), answer('advice', { option: 'quiz' }), back]);
    expect(currentStepId(viaAdvice)).toBe('advice');
    const aroundTheLoop = replayed([...toDilemma, answer('dilemma', { option: 'ignore' }), next, back]);
    expect(currentStepId(aroundTheLoop)).toBe('think-again');
  });

  it('is refused everywhere when the module does not allow it', () => {
    const strict = compileLessonFlow({ ...module, allowBack: false });
    const atChat = applyLessonEvent(strict, initialLessonSnapshot(strict), next);
    expect(atChat.ok).toBe(true);
    const result = atChat.ok ? applyLessonEvent(strict, atChat.snapshot, back) : undefined;
    expect(result).toEqual({ ok: false, reason: 'this module does not allow going back' });
  });
});

describe('SKIP ("I\'d rather skip", decision 0009)', () => {
  const atQuiz = [...toDilemma, answer('dilemma', { option: 'block' })];

  it('moves a poll, quiz, sort and body map on to their next step without an answer', () => {
    const skippedAll = replayed([next, next, skip('feeling'), skip('dilemma'), skip('quiz'), skip('quiz-many'), skip('sort'), skip('body')]);
    expect(currentStepId(skippedAll)).toBe('reflect');
    expect(skippedAll.context).toEqual({
      answers: {},
      skipped: ['feeling', 'dilemma', 'quiz', 'quiz-many', 'sort', 'body'],
      path: ['intro', 'chat', 'feeling', 'dilemma', 'quiz', 'quiz-many', 'sort', 'body', 'reflect'],
    });
    // The rest of the lesson plays on to its end.
    expect(replayed([next, next, skip('feeling'), skip('dilemma'), skip('quiz'), skip('quiz-many'), skip('sort'), skip('body'), next, next, next]).status).toBe(
      'done',
    );
  });

  it('takes a choice about herself to the step it names for a skip', () => {
    const skipped = replayed([...toDilemma, skip('dilemma')]);
    expect(currentStepId(skipped)).toBe('quiz');
    expect(skipped.context.answers).toEqual({ feeling: { option: 'happy' } });
    expect(skipped.context.skipped).toEqual(['dilemma']);
  });

  it('is refused where a step may not be skipped, and for another step than the current one', () => {
    // Squad advice may be skipped too (decision 0010): to its skipNext.
    expect(currentStepId(replayed([...toDilemma, answer('dilemma', { option: 'talk' }), skip('advice')]))).toBe('quiz');
    expect(refusal([], skip('intro'))).toBe('step "intro" (story) cannot be skipped');
    expect(
      refusal(
        [
          ...atQuiz,
          answer('quiz', { options: ['yes'] }),
          answer('quiz-many', { options: ['friend'] }),
          answer('sort', { placements: { hug: 'okay', photo: 'okay' } }),
          answer('body', { person: 'friend', marks: [] }),
        ],
        skip('reflect'),
      ),
    ).toBe('step "reflect" (reflection) cannot be skipped');
    expect(refusal(atQuiz, skip('sort'))).toBe('the current step is "quiz", not "sort"');
    // A skip carries no answer.
    expect(refusal(atQuiz, { type: 'SKIP', step: 'quiz', answer: { options: ['yes'] } })).toMatch(/not a lesson event/);
    expect(refusal(atQuiz, { type: 'SKIP' })).toMatch(/not a lesson event/);
    expect(replayed(atQuiz).can(skip('sort'))).toBe(false);
    expect(replayed(atQuiz).can(skip('quiz'))).toBe(true);
  });

  it('after BACK, an answer replaces a skip and a skip replaces an answer', () => {
    const skippedThenAnswered = replayed([...atQuiz, skip('quiz'), back, answer('quiz', { options: ['no'] })]);
    expect(skippedThenAnswered.context.answers.quiz).toEqual({ options: ['no'] });
    expect(skippedThenAnswered.context.skipped).toEqual([]);
    const answeredThenSkipped = replayed([...atQuiz, answer('quiz', { options: ['no'] }), back, skip('quiz')]);
    expect(answeredThenSkipped.context.answers.quiz).toBeUndefined();
    expect(answeredThenSkipped.context.skipped).toEqual(['quiz']);
    // Going back past a skipped step forgets the skip, as it forgets answers off the path.
    const backPast = replayed([...toDilemma, skip('dilemma'), back, back]);
    expect(currentStepId(backPast)).toBe('feeling');
    expect(backPast.context.skipped).toEqual([]);
  });
});

describe('replay', () => {
  it('replays events to the same state as applying them one by one, from a snapshot or from events', () => {
    const events = [...toDilemma, answer('dilemma', { option: 'talk' })];
    const fromEvents = applyLessonEvent(machine, events, answer('advice', { option: 'film' }));
    const fromSnapshot = applyLessonEvent(machine, replayed(events), answer('advice', { option: 'film' }));
    expect(fromEvents.ok && currentStepId(fromEvents.snapshot)).toBe('film');
    expect(fromEvents.ok && fromEvents.snapshot.context).toEqual(fromSnapshot.ok && fromSnapshot.snapshot.context);
  });

  it('names the first event that is not allowed', () => {
    const result = replayLessonEvents(machine, [next, next, next]);
    expect(result).toEqual({ ok: false, index: 2, reason: 'event 3: step "feeling" (poll) is answered with ANSWER, not NEXT' });
  });

  it('replays 50 events, and prints how long one replay takes', () => {
    const loop = [answer('dilemma', { option: 'ignore' }), next];
    const events = [...toDilemma, ...Array.from({ length: 23 }, () => loop).flat(), answer('dilemma', { option: 'talk' })];
    expect(events).toHaveLength(50);
    expect(currentStepId(replayed(events))).toBe('advice');
    for (let i = 0; i < 100; i++) replayed(events); // warm up the JIT first
    const runs = 1000;
    const started = performance.now();
    for (let i = 0; i < runs; i++) replayed(events);
    const perReplay = (performance.now() - started) / runs;
    // Printed, not asserted: the player's budget is measured by scripts/bench/player.mjs.
    console.log(`replaying 50 events: ${(perReplay * 1000).toFixed(0)} µs`);
  });
});

describe('progressAlongPath', () => {
  it('counts the steps taken and estimates the rest by the shortest way to the end', () => {
    // intro → chat → feeling → dilemma → quiz → quiz-many → sort → body → reflect → pause → help → end
    expect(progressAlongPath(module, initialLessonSnapshot(machine))).toMatchObject({ position: 1, estimatedTotal: 12 });
    const atDilemma = replayed(toDilemma);
    const atAdvice = replayed([...toDilemma, answer('dilemma', { option: 'talk' })]);
    expect(progressAlongPath(module, atAdvice)).toMatchObject({ position: 5, estimatedTotal: 13 });
    const backAgain = replayed([...toDilemma, answer('dilemma', { option: 'talk' }), back]);
    expect(progressAlongPath(module, backAgain)).toMatchObject({ position: 4, estimatedTotal: 12 });
    // The bar only grows, though the estimate grew by a step at the advice (12 → 13).
    expect(progressAlongPath(module, atAdvice).fraction).toBeGreaterThanOrEqual(progressAlongPath(module, atDilemma).fraction);
    expect(progressAlongPath(module, atAdvice).fraction).toBeGreaterThan(4 / 12 - 1e-9);
  });

  it('starts at a twelfth of the bar', () => {
    const machineSteps = module.steps.length;
    expect(machineSteps).toBeGreaterThan(0);
    expect(progressAlongPath(module, initialLessonSnapshot(machine)).fraction).toBeCloseTo(1 / 12);
  });
});
