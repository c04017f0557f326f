// One shape for every content problem (schema, overlay, check), so each message names the
// file, the step and the field the same way.

export interface ContentProblem {
  /** Path of the file to fix, relative to the working directory, e.g. `content/modules/x/module.yaml`. */
  file: string;
  stepId?: string;
  /** Field path inside the step (or the file when there is no step), e.g. `options[2].next`. */
  field?: string;
  message: string;
}

/** A problem without a file yet: pure code knows the step and field, the loader adds the file. */
export type StepProblem = Omit<ContentProblem, 'file'>;

/** `file: step "choice-1" → options[2].next: unknown step "nowhere"` */
export function formatProblem(problem: ContentProblem): string {
  const where = [problem.stepId === undefined ? undefined : `step "${problem.stepId}"`, problem.field]
    .filter((part) => part !== undefined && part !== '')
    .join(' → ');
  return where ? `${problem.file}: ${where}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/** `['options', 2, 'next']` → `options[2].next` */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');
}

/** Thrown by the loader: every problem found, one per line. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/**
 * Zod issues as problems. A path into a list of steps (`steps[i]` of a module, `add[i]` of an
 * overlay) or into `replace.<id>` is named by that step's id.
 */
export function problemsFromIssues(issues: ReadonlyArray<{ path: (string | number)[]; message: string }>, data: unknown): StepProblem[] {
  const record = (data ?? {}) as Record<string, unknown>;
  return issues.map(({ path, message }) => {
    const [list, index] = path;
    const steps = typeof list === 'string' ? record[list] : undefined;
    if ((list === 'steps' || list === 'add') && typeof index === 'number' && Array.isArray(steps)) {
      const id = (steps[index] as { id?: unknown } | undefined)?.id;
      const stepId = typeof id === 'string' ? id : `#${index + 1}`;
      const rest = formatFieldPath(path.slice(2));
      return { stepId, field: list === 'add' ? formatFieldPath(path) : rest || undefined, message };
    }
    if (list === 'replace' && typeof index === 'string') {
      return { stepId: index, field: formatFieldPath(['replace', ...path.slice(2)]), message };
    }
    return { field: formatFieldPath(path) || undefined, message };
  });
}
