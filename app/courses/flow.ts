// A lesson's flow (decision 0016): steps in order, a step's `next` or a case option's `next`
// jumps within the lesson, a step with nowhere to go ends it. Pure; the server walks it for
// the player (plain forms, no JavaScript needed) and the content check walks its graph.
import { courseStepTargets, type Course, type CourseLesson, type CourseStep } from './schema';

export function lessonGraph(lesson: CourseLesson) {
  const targets = new Map(lesson.steps.map((step, index) => [step.id, courseStepTargets(lesson, index)]));
  const start = lesson.steps[0]!.id;
  return {
    targets,
    /** Steps reachable from the first step (itself included). */
    reachable(from: string = start): Set<string> {
      const seen = new Set<string>();
      const queue = [from];
      while (queue.length) {
        const id = queue.shift()!;
        if (seen.has(id) || !targets.has(id)) continue;
        seen.add(id);
        queue.push(...targets.get(id)!);
      }
      return seen;
    },
    /** Steps from which some path ends the lesson. */
    reachesEnd(): Set<string> {
      const ending = new Set(lesson.steps.filter((step) => targets.get(step.id)!.length === 0).map((step) => step.id));
      let grew = true;
      while (grew) {
        grew = false;
        for (const [id, next] of targets) {
          if (!ending.has(id) && next.some((target) => ending.has(target))) {
            ending.add(id);
            grew = true;
          }
        }
      }
      return ending;
    },
  };
}

export function findStep(course: Course, lessonId: string, stepId: string): { lesson: CourseLesson; step: CourseStep; index: number } | undefined {
  const lesson = course.lessons.find((candidate) => candidate.id === lessonId);
  const index = lesson?.steps.findIndex((step) => step.id === stepId) ?? -1;
  return lesson && index >= 0 ? { lesson, step: lesson.steps[index]!, index } : undefined;
}

/**
 * Where the learner goes from a step: the chosen case option's `next`, the step's `next`, or
 * the step below it; undefined when the lesson ends here.
 */
export function nextStepId(lesson: CourseLesson, stepId: string, caseOption?: string): string | undefined {
  const index = lesson.steps.findIndex((step) => step.id === stepId);
  const step = lesson.steps[index];
  if (!step) return undefined;
  const fallback = step.next ?? lesson.steps[index + 1]?.id;
  if (step.type === 'case') return step.options.find((option) => option.id === caseOption)?.next ?? fallback;
  return fallback;
}

/** The step's position in its lesson, for the lesson's progress bar (1-based, of the total). */
export function stepPosition(lesson: CourseLesson, stepId: string): { position: number; total: number } {
  return { position: lesson.steps.findIndex((step) => step.id === stepId) + 1, total: lesson.steps.length };
}
