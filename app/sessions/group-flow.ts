import { stepsById } from '~/lessons/graph';
import { type LessonModule, stepTargets } from '~/lessons/schema';
import { type Result, ok, refused } from '~/lib/result';

/**
 * The group's way through a module in "together" mode: the facilitator moves, the tablets
 * follow. A choice branches to the option the facilitator takes (by default the one the
 * group chose most); every other step has one way on.
 */
export function groupStep(module: LessonModule, path: readonly string[]): string {
  return path.at(-1) ?? module.start;
}

/** The group's path after a move, or why it cannot move (reasons of app/sessions/reasons.ts). */
export type GroupMoveRefusal = 'atLastStep' | 'atFirstStep' | 'groupChoiceNeeded' | 'unknownGroupChoice';
export type GroupMove = Result<string[], GroupMoveRefusal>;

export function groupNext(module: LessonModule, path: readonly string[], option?: string): GroupMove {
  const current = path.length ? [...path] : [module.start];
  const step = stepsById(module).get(groupStep(module, current));
  if (!step || step.type === 'end') return refused('atLastStep');
  if (step.type === 'choice') {
    if (!option) return refused('groupChoiceNeeded');
    const chosen = step.options.find((o) => o.id === option);
    if (!chosen) return refused('unknownGroupChoice');
    return ok([...current, chosen.next]);
  }
  return ok([...current, stepTargets(step)[0]!]);
}

export function groupBack(path: readonly string[]): GroupMove {
  if (path.length <= 1) return refused('atFirstStep');
  return ok(path.slice(0, -1));
}
