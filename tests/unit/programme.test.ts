import { describe, expect, it } from 'vitest';
import { defaultContentRoot, readLessonModules } from '~/lessons/load.server';
import { type ProgrammeModule, programmeOf, unplayedBefore } from '~/programme/programme';

/** The programme from content (issue 16): order, solo flag and durations are the content's, not code's. */
describe('the programme', () => {
  const modules = readLessonModules(defaultContentRoot());

  it("lists the girls' modules in their order, with the content's titles, durations per variant and solo flag", () => {
    const programme = programmeOf(modules, 'nl');
    expect(programme.map((module) => module.order)).toEqual([...programme.map((module) => module.order)].sort((a, b) => a - b));
    const fifth = programme.find((module) => module.id === 'de-squad-helpt')!;
    const set = modules.find((module) => module.id === 'de-squad-helpt')!;
    expect(fifth).toMatchObject({ order: 5, title: 'De squad helpt', solo: false, durationMinutes: set.variants.standard.module.durationMinutes });
    expect(fifth.durations.slechthorend).toBe(set.variants.slechthorend.module.durationMinutes);
    expect(fifth.durations.slechthorend).toBeGreaterThan(fifth.durations.standard);
    expect(programmeOf(modules, 'en').find((module) => module.id === 'de-squad-helpt')!.title).toBe('The squad helps');
    expect(programme.find((module) => module.id === 'wie-ben-ik')!.solo).toBe(true);
  });

  const module = (order: number, solo = true): ProgrammeModule => ({
    id: `m${order}`,
    order,
    title: `Module ${order}`,
    summary: '',
    durationMinutes: 45,
    durations: { standard: 45, slechthorend: 50, roma: 50 },
    variants: ['standard', 'slechthorend', 'roma'],
    solo,
  });
  const five = [module(1), module(2), module(3), module(4), module(5, false)];

  it('warns before a facilitated-only module about each earlier module not played yet', () => {
    expect(unplayedBefore(five, {}, 'm5').map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(unplayedBefore(five, { m1: 3, m3: 1 }, 'm5').map((m) => m.id)).toEqual(['m2', 'm4']);
    expect(unplayedBefore(five, { m1: 1, m2: 1, m3: 1, m4: 1 }, 'm5')).toEqual([]);
  });

  it('never warns before a module a girl may play alone, nor for an unknown module', () => {
    expect(unplayedBefore(five, {}, 'm4')).toEqual([]);
    expect(unplayedBefore(five, {}, 'nope')).toEqual([]);
  });
});
