import type { LessonAnswer } from '~/lessons/answers';
import type { LessonStep } from '~/lessons/schema';

export interface StepAggregate {
  stepId: string;
  /** How many girls answered this step. */
  answered: number;
  /**
   * How many chose "I'd rather skip" (own pace: from their logs). Never part of `answered` or
   * `counts`. In "together" mode a skip is not posted at all, so it is not counted (decision 0009).
   */
  skipped: number;
  /** Per answer key (an option, "item:category", "person:icon@zone"): how many, never who. */
  counts: Record<string, number>;
}

/** Counts a step's answers: the only thing a facilitator ever sees of them. */
export function aggregateStep(step: LessonStep, answers: readonly LessonAnswer[], skipped = 0): StepAggregate {
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const answer of answers) {
    if ('option' in answer) add(answer.option);
    else if ('options' in answer) answer.options.forEach(add);
    else if ('placements' in answer) Object.entries(answer.placements).forEach(([item, category]) => add(`${item}:${category}`));
    else if ('marks' in answer) answer.marks.forEach((mark) => add(`${answer.person}:${mark.icon}@${mark.zone}`));
  }
  return { stepId: step.id, answered: answers.length, skipped, counts };
}

/** The option most chosen at a choice step (ties: the first in the module's order). */
export function mostChosenOption(step: LessonStep, aggregate: StepAggregate | undefined): string | undefined {
  if (step.type !== 'choice') return undefined;
  let best: string | undefined;
  for (const option of step.options) {
    if ((aggregate?.counts[option.id] ?? 0) > (best ? (aggregate?.counts[best] ?? 0) : 0)) best = option.id;
  }
  return best ?? step.options[0]?.id;
}
