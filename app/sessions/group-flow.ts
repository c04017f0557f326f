import { stepsById } from '~/lessons/graph';
import { type LessonModule, stepTargets } from '~/lessons/schema';

/**
 * The group's way through a module in "together" mode: the facilitator moves, the tablets
 * follow. A choice branches to the option the facilitator takes (by default the one the
 * group chose most); every other step has one way on.
 */
export function groupStep(module: LessonModule, path: readonly string[]): string {
  return path.at(-1) ?? module.start;
}

export type GroupMove = { ok: true; path: string[] } | { ok: false; reason: 'atEnd' | 'atStart' | 'chooseOption' | 'unknownOption' };

export function groupNext(module: LessonModule, path: readonly string[], option?: string): GroupMove {
  const current = path.length ? [...path] : [module.start];
  const step = stepsById(module).get(groupStep(module, current));
  if (!step || step.type === 'end') return { ok: false, reason: 'atEnd' };
  if (step.type === 'choice') {
    if (!option) return { ok: false, reason: 'chooseOption' };
    const chosen = step.options.find((o) => o.id === option);
    if (!chosen) return { ok: false, reason: 'unknownOption' };
    return { ok: true, path: [...current, chosen.next] };
  }
  return { ok: true, path: [...current, stepTargets(step)[0]!] };
}

export function groupBack(module: LessonModule, path: readonly string[]): GroupMove {
  if (path.length <= 1) return { ok: false, reason: 'atStart' };
  return { ok: true, path: path.slice(0, -1) };
}
