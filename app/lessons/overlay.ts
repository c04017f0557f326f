// Variants are overlays on a base module (decision 0005): remove → replace → add, then the
// result is validated exactly like a base module. Pure.
import { problemsFromIssues, type StepProblem } from './problems';
import { lessonModuleSchema, type LessonModule, type LessonOverlay, type LessonTexts } from './schema';

export type OverlayResult =
  { ok: true; module: LessonModule; /** ids of the steps the overlay replaced or added */ overlaidSteps: string[] } | { ok: false; problems: StepProblem[] };

export function applyOverlay(base: LessonModule, overlay: LessonOverlay): OverlayResult {
  const problems: StepProblem[] = [];
  const baseIds = new Set(base.steps.map((step) => step.id));
  const removed = new Set<string>();
  (overlay.remove ?? []).forEach((id, i) => {
    if (!baseIds.has(id)) problems.push({ field: `remove[${i}]`, message: `unknown step "${id}"` });
    removed.add(id);
  });

  const replace = overlay.replace ?? {};
  for (const id of Object.keys(replace)) {
    if (!baseIds.has(id)) problems.push({ stepId: id, field: 'replace', message: 'no such step in the base module' });
    else if (removed.has(id)) problems.push({ stepId: id, field: 'replace', message: 'the overlay also removes this step' });
  }

  const steps: unknown[] = base.steps
    .filter((step) => !removed.has(step.id))
    .map((step) => {
      const fields = replace[step.id];
      if (!fields) return step;
      // With `type` the step is replaced whole; otherwise field by field.
      const merged: Record<string, unknown> = 'type' in fields ? { id: step.id, ...fields } : { ...step, ...fields };
      for (const [field, value] of Object.entries(merged)) if (value === null) delete merged[field];
      return merged;
    });

  const kept = new Set(base.steps.filter((step) => !removed.has(step.id)).map((step) => step.id));
  (overlay.add ?? []).forEach((step, i) => {
    if (kept.has(step.id)) problems.push({ stepId: step.id, field: `add[${i}].id`, message: 'already in the module: use replace, or remove it first' });
    kept.add(step.id);
    steps.push(step);
  });
  if (problems.length) return { ok: false, problems };

  const candidate = { ...base, start: overlay.start ?? base.start, durationMinutes: overlay.durationMinutes ?? base.durationMinutes, steps };
  const parsed = lessonModuleSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: problemsFromIssues(parsed.error.issues, candidate) };
  const overlaidSteps = [...Object.keys(replace), ...(overlay.add ?? []).map((step) => step.id)];
  return { ok: true, module: parsed.data, overlaidSteps };
}

/** Overlay text deep-merged over base text: a leaf in the overlay wins, subtrees merge. */
export function mergeTexts(base: LessonTexts, overlay: LessonTexts): LessonTexts {
  const merged: LessonTexts = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const under = merged[key];
    merged[key] = typeof value === 'object' && typeof under === 'object' ? mergeTexts(under, value) : value;
  }
  return merged;
}
