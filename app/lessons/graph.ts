// The step graph of a resolved module (step → the steps it can lead to), for the compiler's
// BACK transitions and progress estimate and for the content check. Pure.
import { stepTargets, type LessonModule, type LessonStep } from './schema';

export function stepsById(module: LessonModule): Map<string, LessonStep> {
  return new Map(module.steps.map((step) => [step.id, step]));
}

/** For each step, the steps that lead to it, in module order. */
export function predecessorsOf(module: LessonModule): Map<string, string[]> {
  const predecessors = new Map<string, string[]>(module.steps.map((step) => [step.id, []]));
  for (const step of module.steps) {
    for (const target of stepTargets(step)) predecessors.get(target)?.push(step.id);
  }
  return predecessors;
}

/** The steps a learner can reach from `from` (itself included). */
export function reachableFrom(module: LessonModule, from: string = module.start): Set<string> {
  const steps = stepsById(module);
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    const step = steps.get(id);
    if (seen.has(id) || !step) continue;
    seen.add(id);
    queue.push(...stepTargets(step));
  }
  return seen;
}

/** Fewest steps from each step to an `end` step; a step missing here never reaches one. */
export function distancesToEnd(module: LessonModule): Map<string, number> {
  const predecessors = predecessorsOf(module);
  const distance = new Map<string, number>();
  const queue: string[] = [];
  for (const step of module.steps) {
    if (step.type === 'end') {
      distance.set(step.id, 0);
      queue.push(step.id);
    }
  }
  while (queue.length) {
    const id = queue.shift()!;
    for (const before of predecessors.get(id) ?? []) {
      if (distance.has(before)) continue;
      distance.set(before, distance.get(id)! + 1);
      queue.push(before);
    }
  }
  return distance;
}

/**
 * Every route from `start` to an `end` step that visits no step twice (a loop adds no new
 * route). Each route is a list of step ids. Stops after `limit` routes.
 */
export function routesToEnd(module: LessonModule, limit = 10_000): string[][] {
  const steps = stepsById(module);
  const routes: string[][] = [];
  const route: string[] = [];
  const onRoute = new Set<string>();
  const walk = (id: string) => {
    const step = steps.get(id);
    if (!step || onRoute.has(id) || routes.length >= limit) return;
    route.push(id);
    onRoute.add(id);
    if (step.type === 'end') routes.push([...route]);
    else for (const target of stepTargets(step)) walk(target);
    route.pop();
    onRoute.delete(id);
  };
  walk(module.start);
  return routes;
}
