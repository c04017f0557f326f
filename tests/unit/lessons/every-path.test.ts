// Walks every path of every module × variant in content/modules, and of the fixture module,
// through its compiled machine to a final `end` state (xstate/graph generates the paths).
// A path is a way of answering: a skip is one more way on from a question, so it adds paths.
import { getAdjacencyMap, getSimplePaths, type TraversalOptions } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileLessonFlow, currentStepId, replayLessonEvents, type LessonEvent, type LessonSnapshot } from '~/lessons/compile';
import { routesToEnd, stepsById } from '~/lessons/graph';
import { defaultContentRoot, readLessonModule, readLessonModules } from '~/lessons/load.server';
import type { LessonModuleSet } from '~/lessons/resolved';
import { lessonVariants, skipTarget, type LessonModule } from '~/lessons/schema';
import { fixture, forwardEvents, skipEvents } from './helpers';

function traversal(module: LessonModule): TraversalOptions<LessonSnapshot, LessonEvent, undefined> {
  const steps = stepsById(module);
  return {
    events: (snapshot) => {
      const step = steps.get(currentStepId(snapshot))!;
      return [...forwardEvents(step), ...skipEvents(step)];
    },
    // BACK only retraces a path already walked.
    filterEvents: (_snapshot, event) => event.type !== 'BACK',
    // The step is the state; the context (answers, path) only records how she got there.
    serializeState: (snapshot) => currentStepId(snapshot),
  };
}

function everyPath(module: LessonModule, { skipping = true } = {}) {
  const options = traversal(module);
  return getSimplePaths(compileLessonFlow(module), {
    ...options,
    ...(skipping ? {} : { filterEvents: (snapshot, event) => event.type !== 'SKIP' && options.filterEvents!(snapshot, event) }),
    toState: (snapshot) => snapshot.status === 'done',
  });
}

/** A path's events: xstate/graph puts `xstate.init` first, then the event into each state. */
const eventsOf = (path: ReturnType<typeof everyPath>[number]) => path.steps.slice(1).map((step) => step.event);

const replays = new WeakMap<object, LessonSnapshot>();
const flows = new WeakMap<LessonModule, ReturnType<typeof compileLessonFlow>>();
/** A module's machine, compiled once: a module with four advice choices has thousands of paths. */
function flowOf(module: LessonModule) {
  let flow = flows.get(module);
  if (!flow) flows.set(module, (flow = compileLessonFlow(module)));
  return flow;
}
/** The end of a path, replayed once (several tests look at each of hundreds of paths). */
function replayed(module: LessonModule, path: ReturnType<typeof everyPath>[number]): LessonSnapshot {
  let snapshot = replays.get(path);
  if (!snapshot) {
    const result = replayLessonEvents(flowOf(module), eventsOf(path));
    if (!result.ok) throw new Error(result.reason);
    snapshot = result.snapshot;
    replays.set(path, snapshot);
  }
  return snapshot;
}

const modules: LessonModuleSet[] = [readLessonModule(fixture('every-step')), ...readLessonModules(defaultContentRoot())];

describe.each(modules.flatMap((set) => lessonVariants.map((variant) => [`${set.id} × ${variant}`, set.variants[variant].module] as const)))(
  '%s',
  (_name, module) => {
    const paths = everyPath(module);
    const steps = stepsById(module);

    it('has paths, and each one replays from the start to a final end step', () => {
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path.steps[0]?.event.type).toBe('xstate.init');
        const snapshot = replayed(module, path);
        expect(snapshot.status).toBe('done');
        expect(stepsById(module).get(currentStepId(snapshot))?.type).toBe('end');
      }
      // A generous ceiling, not a budget: thousands of paths on a busy machine.
    }, 60_000);

    it('walks the same routes as the content check counts', () => {
      const walked = new Set(paths.map((path) => replayed(module, path).context.path.join(' → ')));
      const counted = new Set(routesToEnd(module).map((route) => route.join(' → ')));
      expect(walked).toEqual(counted);
    });

    it('skips every question that may be skipped on some path, and still reaches the end', () => {
      const reachable = new Set(routesToEnd(module).flat());
      const skippable = module.steps.filter((step) => skipTarget(step) !== undefined && reachable.has(step.id)).map((step) => step.id);
      expect(skippable.length).toBeGreaterThan(0);
      const skippedOnSomePath = new Set(paths.flatMap((path) => replayed(module, path).context.skipped));
      expect([...skippedOnSomePath].sort()).toEqual(skippable.sort());
      // Some path answers nothing that may be skipped (a girl who would rather say nothing) and ends.
      const answersOnlyWhatCannotBeSkipped = paths.filter((path) =>
        Object.keys(replayed(module, path).context.answers).every((id) => skipTarget(steps.get(id)!) === undefined),
      );
      expect(answersOnlyWhatCannotBeSkipped.length).toBeGreaterThan(0);
    });

    it('passes every must-visit step, and a help step before the end, on every path (with skips; decision 0010)', () => {
      const mustVisit = module.mustVisit ?? [];
      expect(mustVisit.length).toBeGreaterThan(0);
      for (const path of paths) {
        const walked = replayed(module, path).context.path;
        for (const id of mustVisit) expect(walked, `a path misses "${id}"`).toContain(id);
        const help = walked.findIndex((id) => steps.get(id)!.type === 'help');
        expect(help).toBeGreaterThanOrEqual(0);
        expect(help).toBeLessThan(walked.length - 1);
      }
    });

    it('can reach every step (a step only on a loop included)', () => {
      const reached = Object.keys(getAdjacencyMap(compileLessonFlow(module), traversal(module)));
      expect(reached.sort()).toEqual(module.steps.map((step) => step.id).sort());
    });
  },
);

describe('the fixture module', () => {
  it('module 1 passes never-your-fault and help on every path of every variant', () => {
    const wieBenIk = modules.find((set) => set.id === 'wie-ben-ik')!;
    for (const variant of lessonVariants) {
      const module = wieBenIk.variants[variant].module;
      expect(module.mustVisit).toEqual(['nooit-jouw-schuld', 'hulp']);
      const paths = everyPath(module);
      // Every option of every choice and every skip: hundreds of ways by event.
      expect(paths.length).toBeGreaterThan(100);
      for (const path of paths) expect(replayed(module, path).context.path).toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'hulp']));
    }
  });

  it('has the paths it was written with', () => {
    const standard = modules[0]!.variants.standard.module;
    const roma = modules[0]!.variants.roma.module;
    // Answering every question: dilemma: talk → advice (→ film or → quiz), block → quiz;
    // ignore loops back to dilemma.
    expect(everyPath(standard, { skipping: false })).toHaveLength(3);
    // roma: ignore now leads to advice too.
    expect(everyPath(roma, { skipping: false })).toHaveLength(5);
    // A skip doubles the ways past feeling, quiz, quiz-many, sort and body, and adds one way
    // from the dilemma and from the advice (both to the quiz): 2 × 5 × 2⁴ (roma: talk and
    // ignore each reach the advice, 3 ways on from it: 2 × 8 × 2⁴).
    expect(everyPath(standard)).toHaveLength(2 * 5 * 16);
    expect(everyPath(roma)).toHaveLength(2 * 8 * 16);
  });
});

describe('module 2, vriendschap-en-liefde', () => {
  const set = modules.find((candidate) => candidate.id === 'vriendschap-en-liefde')!;

  it.each(lessonVariants)('%s: has the paths it was written with, and each passes "never your fault" and help', (variant) => {
    const module = set.variants[variant].module;
    expect(module.mustVisit).toEqual(['nooit-jouw-schuld', 'hulp']);
    // Three squad or self choices of three options each, every one skippable.
    const choices = module.steps.filter((step) => step.type === 'choice');
    expect(choices.map((step) => step.id)).toEqual(['advies-noor', 'advies-lina', 'mijn-grens']);
    for (const choice of choices) expect(skipTarget(choice), choice.id).toBeDefined();
    expect(everyPath(module, { skipping: false })).toHaveLength(3 * 3 * 3);
    // A skip adds a way past the poll and the sort (×2 each) and one way on from each choice (×4 each).
    const paths = everyPath(module);
    expect(paths).toHaveLength(2 * 4 * 4 * 2 * 4);
    for (const path of paths) {
      const walked = replayed(module, path).context.path;
      expect(walked).toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'vertrouwenshand', 'wie-bellen', 'hulp']));
      // Help comes before the end, never-your-fault before help.
      expect(walked.indexOf('nooit-jouw-schuld')).toBeLessThan(walked.indexOf('hulp'));
      expect(walked.at(-2)).toBe('hulp');
    }
    // The question "who would you call at night?" is a private reflection: it never leaves her tablet.
    expect(module.steps.find((step) => step.id === 'wie-bellen')).toMatchObject({ type: 'reflection', privateAnswer: true });
  });
});

describe('module 3, "Mijn lichaam, mijn grenzen"', () => {
  const set = modules.find((candidate) => candidate.id === 'mijn-lichaam-mijn-grenzen')!;
  // The planned group time per variant (module.yaml and the overlays' durationMinutes).
  const planned = { standard: 55, slechthorend: 60, roma: 60 } as const;

  it.each(lessonVariants)(
    '%s: every path, skips included, passes the never-your-fault and the help step, in about the planned time',
    (variant) => {
      const module = set.variants[variant].module;
      expect(module.mustVisit).toEqual(['nooit-jouw-schuld', 'hulp']);
      const paths = everyPath(module);
      // Two ways past the poll, the body map and the quiz (answer or skip), four past each of the
      // three squad-advice choices (three options or a skip): 2³ × 4³.
      expect(paths).toHaveLength(2 ** 3 * 4 ** 3);
      const minutes = new Set<number>();
      for (const path of paths) {
        const visited = replayed(module, path).context.path;
        for (const id of module.mustVisit!) expect(visited, visited.join(' → ')).toContain(id);
        // The help step comes before the end on every path.
        expect(visited.indexOf('hulp')).toBeLessThan(visited.indexOf('einde'));
        minutes.add(visited.reduce((sum, id) => sum + (steps(module).get(id)!.minutes ?? 0), 0));
      }
      for (const total of minutes) expect(Math.abs(total - planned[variant]), `${total} minutes on a path`).toBeLessThanOrEqual(5);
      console.log(`module 3 × ${variant}: ${paths.length} paths, ${Math.min(...minutes)}–${Math.max(...minutes)} minutes`);
      // 512 replays: a generous ceiling for a busy machine, not a time budget.
    },
    60_000,
  );
});

const stepMaps = new WeakMap<LessonModule, ReturnType<typeof stepsById>>();
function steps(module: LessonModule) {
  if (!stepMaps.has(module)) stepMaps.set(module, stepsById(module));
  return stepMaps.get(module)!;
}
describe('module 4 "Vertrouwen en nee zeggen": every way through, skips included', () => {
  const set = modules.find((candidate) => candidate.id === 'vertrouwen-en-nee-zeggen')!;
  // The content contract: the never-your-fault story and the help step on every path.
  const mustVisit = ['nooit-jouw-schuld', 'hulp'];
  // A thousand ways per variant: walked once, then looked at by both tests.
  const walked = new Map<string, { module: LessonModule; paths: ReturnType<typeof everyPath> }>();
  const walk = (variant: (typeof lessonVariants)[number]) => {
    if (!walked.has(variant)) {
      const module = set.variants[variant].module;
      walked.set(variant, { module, paths: everyPath(module) });
    }
    return walked.get(variant)!;
  };
  // Generous ceilings: on a busy machine walking and replaying 1024 ways takes seconds.
  const ceiling = 120_000;

  it.each(lessonVariants.map((variant) => [variant]))(
    '%s: every path passes never-your-fault and the help step, and keeps to its planned time',
    (variant) => {
      expect(set, 'module 4 is in content/modules').toBeTruthy();
      const { module, paths } = walk(variant);
      const planned = module as LessonModule & { mustVisit?: string[]; durationMinutes: number };
      expect(planned.mustVisit).toEqual(mustVisit);
      const steps = stepsById(module);
      // 2 (poll) × 4 (gift advice: three options or a skip) × 4 (favour) × 2 (sort) × 4 (Lina) × 4 (Noor).
      expect(paths).toHaveLength(1024);
      const minutes = new Set<number>();
      const routes = new Set<string>();
      for (const path of paths) {
        const route = replayed(module, path).context.path;
        routes.add(route.join(' → '));
        for (const id of mustVisit) expect(route, `${route.join(' → ')} passes ${id}`).toContain(id);
        expect(route.indexOf('hulp'), 'help comes right before the end').toBe(route.length - 2);
        minutes.add(route.reduce((sum, id) => sum + ((steps.get(id) as { minutes?: number }).minutes ?? 0), 0));
      }
      // Eight routes by step: with or without Sam telling Ilse, the favour's outcome, Lina's night away.
      expect(routes.size).toBe(8);
      const [shortest, longest] = [Math.min(...minutes), Math.max(...minutes)];
      console.log(
        `module 4 × ${variant}: ${paths.length} ways, ${routes.size} routes, ${shortest}–${longest} planned minutes (durationMinutes ${planned.durationMinutes})`,
      );
      expect(shortest).toBeGreaterThanOrEqual(planned.durationMinutes - 5);
      expect(longest).toBeLessThanOrEqual(planned.durationMinutes + 5);
    },
    ceiling,
  );

  it(
    'lets the squad skip every piece of advice, and still reaches the help step',
    () => {
      for (const variant of lessonVariants) {
        const { module, paths } = walk(variant);
        const choices = module.steps.filter((step) => step.type === 'choice');
        expect(choices.map((step) => step.id)).toEqual(['advies-cadeau', 'advies-gunst', 'advies-lina', 'advies-noor']);
        for (const step of choices) expect(skipTarget(step), `${variant} ${step.id} has skipNext`).toBeDefined();
        // Poll, four pieces of advice and the sort all skipped: one way, and it still ends with help.
        const skipsAll = paths.filter((path) => replayed(module, path).context.skipped.length === 6);
        expect(skipsAll).toHaveLength(1);
        expect(replayed(module, skipsAll[0]!).context.path.slice(-2)).toEqual(['hulp', 'einde']);
      }
    },
    ceiling,
  );
});
describe('module 5, de-squad-helpt', () => {
  const set = modules.find((candidate) => candidate.id === 'de-squad-helpt')!;

  it('is played only with a facilitator, and names never-your-fault and help as must-visit steps', () => {
    const { module } = set.variants.standard;
    expect(module.solo).toBe('facilitated-only');
    expect(module.mustVisit).toEqual(expect.arrayContaining(['nooit-jouw-schuld', 'hulp']));
  });

  it('has the paths it was written with, in every variant', () => {
    for (const variant of lessonVariants) {
      const module = set.variants[variant].module;
      // Four advice choices of three options each (three of them branch to a phase or safety
      // story); the poll, quiz and sort are answered one way here: 3⁴ ways of answering.
      expect(everyPath(module, { skipping: false })).toHaveLength(3 ** 4);
      // A skip is one more way on from each choice (straight on), and from the poll, the quiz
      // and the sort: 4⁴ × 2³.
      expect(everyPath(module)).toHaveLength(4 ** 4 * 2 ** 3);
      // Eight routes through the steps: each branching choice leads on directly or via its story.
      expect(routesToEnd(module)).toHaveLength(8);
    }
  }, 60_000);
});
