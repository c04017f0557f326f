// Walks every path of every module × variant in content/modules, and of the fixture module,
// through its compiled machine to a final `end` state (xstate/graph generates the paths).
import { getAdjacencyMap, getSimplePaths, type TraversalOptions } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { compileLessonFlow, currentStepId, replayLessonEvents, type LessonEvent, type LessonSnapshot } from '~/lessons/compile';
import { routesToEnd, stepsById } from '~/lessons/graph';
import { defaultContentRoot, readLessonModule, readLessonModules } from '~/lessons/load.server';
import type { LessonModuleSet } from '~/lessons/resolved';
import { lessonVariants, type LessonModule } from '~/lessons/schema';
import { fixture, forwardEvents } from './helpers';

function traversal(module: LessonModule): TraversalOptions<LessonSnapshot, LessonEvent, undefined> {
  const steps = stepsById(module);
  return {
    events: (snapshot) => forwardEvents(steps.get(currentStepId(snapshot))!),
    // BACK only retraces a path already walked.
    filterEvents: (_snapshot, event) => event.type !== 'BACK',
    // The step is the state; the context (answers, path) only records how she got there.
    serializeState: (snapshot) => currentStepId(snapshot),
  };
}

function everyPath(module: LessonModule) {
  return getSimplePaths(compileLessonFlow(module), { ...traversal(module), toState: (snapshot) => snapshot.status === 'done' });
}

/** A path's events: xstate/graph puts `xstate.init` first, then the event into each state. */
const eventsOf = (path: ReturnType<typeof everyPath>[number]) => path.steps.slice(1).map((step) => step.event);

function replayed(module: LessonModule, path: ReturnType<typeof everyPath>[number]): LessonSnapshot {
  const result = replayLessonEvents(compileLessonFlow(module), eventsOf(path));
  if (!result.ok) throw new Error(result.reason);
  return result.snapshot;
}

const modules: LessonModuleSet[] = [readLessonModule(fixture('every-step')), ...readLessonModules(defaultContentRoot())];

describe.each(modules.flatMap((set) => lessonVariants.map((variant) => [`${set.id} × ${variant}`, set.variants[variant].module] as const)))(
  '%s',
  (_name, module) => {
    const paths = everyPath(module);

    it('has paths, and each one replays from the start to a final end step', () => {
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        expect(path.steps[0]?.event.type).toBe('xstate.init');
        const snapshot = replayed(module, path);
        expect(snapshot.status).toBe('done');
        expect(stepsById(module).get(currentStepId(snapshot))?.type).toBe('end');
      }
    });

    it('walks the same routes as the content check counts', () => {
      const walked = new Set(paths.map((path) => replayed(module, path).context.path.join(' → ')));
      const counted = new Set(routesToEnd(module).map((route) => route.join(' → ')));
      expect(walked).toEqual(counted);
    });

    it('can reach every step (a step only on a loop included)', () => {
      const reached = Object.keys(getAdjacencyMap(compileLessonFlow(module), traversal(module)));
      expect(reached.sort()).toEqual(module.steps.map((step) => step.id).sort());
    });
  },
);

describe('the fixture module', () => {
  it('has the paths it was written with', () => {
    const standard = modules[0]!.variants.standard.module;
    // dilemma: talk → advice (→ film or → quiz), block → quiz; ignore loops back to dilemma.
    expect(everyPath(standard)).toHaveLength(3);
    // roma: ignore now leads to advice too.
    expect(everyPath(modules[0]!.variants.roma.module)).toHaveLength(5);
  });
});
