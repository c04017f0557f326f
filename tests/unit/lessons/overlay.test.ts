import { describe, expect, it } from 'vitest';
import { applyOverlay, mergeTexts } from '~/lessons/overlay';
import { lessonModuleSchema, type LessonModule, type LessonOverlay, type LessonTexts, type StepOf } from '~/lessons/schema';

const panels = (id: string, next: string): StepOf<'story'> => ({ id, type: 'story', mode: 'panels', panels: [{ textKey: `${id}.text` }], next });

const base: LessonModule = lessonModuleSchema.parse({
  id: 'base',
  audience: 'professionals',
  order: 1,
  durationMinutes: 10,
  titleKey: 'title',
  summaryKey: 'summary',
  start: 'intro',
  steps: [
    { ...panels('intro', 'detour'), guideKey: 'guide.intro' },
    panels('detour', 'ask'),
    {
      id: 'ask',
      type: 'choice',
      framing: 'self',
      promptKey: 'ask.prompt',
      skipNext: 'end',
      options: [
        { id: 'yes', labelKey: 'ask.yes', feedbackKey: 'ask.yesFeedback', next: 'end' },
        { id: 'no', labelKey: 'ask.no', feedbackKey: 'ask.noFeedback', next: 'detour' },
      ],
    },
    { id: 'end', type: 'end', summaryKeys: ['end.one', 'end.two', 'end.three'] },
  ],
});

function applied(overlay: LessonOverlay) {
  const result = applyOverlay(base, overlay);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('applyOverlay', () => {
  it('removes, then replaces, then adds, and may move the start', () => {
    const { module, overlaidSteps } = applied({
      start: 'welcome',
      remove: ['detour'],
      replace: {
        intro: { next: 'ask' },
        ask: {
          options: [
            { id: 'yes', labelKey: 'ask.yes', feedbackKey: 'ask.yesFeedback', next: 'end', pictogram: 'thumbs-up' },
            { id: 'no', labelKey: 'ask.no', feedbackKey: 'ask.noFeedback', next: 'end', pictogram: 'thumbs-down' },
          ],
        },
      },
      add: [panels('welcome', 'intro')],
    });
    expect(module.start).toBe('welcome');
    expect(module.steps.map((step) => step.id)).toEqual(['intro', 'ask', 'end', 'welcome']);
    expect(module.steps[0]).toMatchObject({ id: 'intro', next: 'ask', guideKey: 'guide.intro', panels: [{ textKey: 'intro.text' }] });
    expect(module.steps[1]).toMatchObject({ options: [{ pictogram: 'thumbs-up' }, { pictogram: 'thumbs-down' }] });
    expect(overlaidSteps).toEqual(['intro', 'ask', 'welcome']);
    expect(base.steps.map((step) => step.id)).toEqual(['intro', 'detour', 'ask', 'end']);
  });

  it('replaces a whole step when the replacement names a type', () => {
    const { module } = applied({ replace: { detour: { type: 'reflection', questionKey: 'detour.question', next: 'ask' } } });
    expect(module.steps[1]).toEqual({ id: 'detour', type: 'reflection', questionKey: 'detour.question', privateAnswer: true, next: 'ask' });
  });

  it('drops a field replaced by null', () => {
    const { module } = applied({ replace: { intro: { guideKey: null } } });
    expect(module.steps[0]).not.toHaveProperty('guideKey');
  });

  it('names what it cannot do: unknown, removed or doubled steps', () => {
    const result = applyOverlay(base, {
      remove: ['nowhere', 'detour'],
      replace: { ghost: { next: 'end' }, detour: { next: 'end' } },
      add: [panels('ask', 'end')],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'remove[0]', message: 'unknown step "nowhere"' },
        { stepId: 'ghost', field: 'replace', message: 'no such step in the base module' },
        { stepId: 'detour', field: 'replace', message: 'the overlay also removes this step' },
        { stepId: 'ask', field: 'add[0].id', message: 'already in the module: use replace, or remove it first' },
      ],
    });
  });

  it('validates the result like a base module: a removed step still pointed to is named', () => {
    expect(applyOverlay(base, { remove: ['detour'] })).toEqual({
      ok: false,
      problems: [
        { stepId: 'intro', field: 'next', message: 'unknown step "detour"' },
        { stepId: 'ask', field: 'options[1].next', message: 'unknown step "detour"' },
      ],
    });
    const typeChange = applyOverlay(base, { replace: { detour: { type: 'offline', next: 'ask' } } });
    expect(typeChange.ok).toBe(false);
    expect(!typeChange.ok && typeChange.problems.map((problem) => `${problem.stepId} ${problem.field}`)).toEqual([
      'detour minutes',
      'detour titleKey',
      'detour instructionsKey',
    ]);
  });
});

describe('mergeTexts', () => {
  it('deep-merges overlay text over base text, without changing the base', () => {
    const baseTexts: LessonTexts = { title: 'Wie ben ik?', steps: { intro: { text: 'Lang verhaal.', alt: 'Een bank.' } } };
    const overlay: LessonTexts = { steps: { intro: { text: 'Kort.' }, welcome: { text: 'Welkom!' } } };
    expect(mergeTexts(baseTexts, overlay)).toEqual({
      title: 'Wie ben ik?',
      steps: { intro: { text: 'Kort.', alt: 'Een bank.' }, welcome: { text: 'Welkom!' } },
    });
    expect(baseTexts).toEqual({ title: 'Wie ben ik?', steps: { intro: { text: 'Lang verhaal.', alt: 'Een bank.' } } });
  });

  it('lets an overlay leaf replace a subtree and the other way round', () => {
    expect(mergeTexts({ a: { b: 'x' }, c: 'y' }, { a: 'flat', c: { d: 'deep' } })).toEqual({ a: 'flat', c: { d: 'deep' } });
  });
});
