// "I'd rather skip" (decision 0009): the form's skip button becomes a SKIP event, and counts
// keep skips apart from answers.
import { describe, expect, it } from 'vitest';
import { readLessonModule } from '~/lessons/load.server';
import { eventFromForm } from '~/play/form-event';
import { aggregateStep } from '~/sessions/aggregate';
import { fixture, stepOf } from './lessons/helpers';

const module = readLessonModule(fixture('every-step')).variants.standard.module;

describe('eventFromForm', () => {
  it('reads the skip button as SKIP for the current step, whatever else the form holds', () => {
    const sort = stepOf(module, 'sort');
    expect(
      eventFromForm(sort, [
        ['sequence', '7'],
        ['place-hug', 'okay'],
        ['intent', 'skip'],
      ]),
    ).toEqual({ type: 'SKIP', step: 'sort' });
    expect(eventFromForm(stepOf(module, 'feeling'), [['intent', 'skip']])).toEqual({ type: 'SKIP', step: 'feeling' });
    // Without the skip button, the same form is an answer.
    expect(
      eventFromForm(sort, [
        ['place-hug', 'okay'],
        ['place-photo', 'doubt'],
        ['intent', 'next'],
      ]),
    ).toEqual({
      type: 'ANSWER',
      step: 'sort',
      answer: { placements: { hug: 'okay', photo: 'doubt' } },
    });
  });
});

describe('aggregateStep', () => {
  it('counts skips apart: never as an answer, never in the counts', () => {
    const poll = stepOf(module, 'feeling');
    expect(aggregateStep(poll, [{ option: 'happy' }], 2)).toEqual({ stepId: 'feeling', answered: 1, skipped: 2, counts: { happy: 1 } });
    expect(aggregateStep(poll, [], 3)).toEqual({ stepId: 'feeling', answered: 0, skipped: 3, counts: {} });
    expect(aggregateStep(poll, [{ option: 'sad' }])).toEqual({ stepId: 'feeling', answered: 1, skipped: 0, counts: { sad: 1 } });
  });
});
