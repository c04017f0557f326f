// The five girls' modules as one programme (issue 16): their order, what each is about, how
// long it takes in each variant, and whether a girl may play it alone — all from content,
// never from code. Pure: the server parts live in programme.server.ts.
import { type Language, languageOr } from '~/i18n/config';
import type { LessonModuleSet } from '~/lessons/resolved';
import { type LessonVariant, lessonVariants } from '~/lessons/schema';
import { moduleText } from '~/play/texts';

export interface ProgrammeModule {
  id: string;
  order: number;
  title: string;
  summary: string;
  /** The planned time of the standard variant. */
  durationMinutes: number;
  /** The planned time per variant (an overlay may plan more, e.g. for turn-taking). */
  durations: Record<LessonVariant, number>;
  variants: LessonVariant[];
  /** May a girl start it on her own at /play? A `facilitated-only` module needs a group session. */
  solo: boolean;
}

export function isSoloModule(set: LessonModuleSet): boolean {
  return set.variants.standard.module.solo !== 'facilitated-only';
}

/** The girls' modules in programme order, titled in the reader's language. */
export function programmeOf(modules: LessonModuleSet[], language: string): ProgrammeModule[] {
  const lng: Language = languageOr(language);
  return modules
    .filter((set) => set.variants.standard.module.audience === 'girls')
    .sort((a, b) => a.order - b.order)
    .map((set) => {
      const { module, texts } = set.variants.standard;
      const text = texts[lng] ?? {};
      const variants = lessonVariants.filter((variant) => set.variants[variant]);
      return {
        id: set.id,
        order: set.order,
        title: moduleText(text, module.titleKey),
        summary: moduleText(text, module.summaryKey),
        durationMinutes: module.durationMinutes,
        durations: Object.fromEntries(variants.map((variant) => [variant, set.variants[variant].module.durationMinutes])) as Record<LessonVariant, number>,
        variants,
        solo: isSoloModule(set),
      };
    });
}

/**
 * The earlier modules a group should have played before this one, that the organisation's
 * groups have not played yet. Only a module a girl may not play alone (it speaks of risk
 * directly) asks for this: it builds on the strength and words of every module before it.
 * An empty list means no warning. A warning, never a block: the facilitator knows her group.
 */
export function unplayedBefore(programme: ProgrammeModule[], played: Record<string, number>, moduleId: string): ProgrammeModule[] {
  const target = programme.find((module) => module.id === moduleId);
  if (!target || target.solo) return [];
  return programme.filter((module) => module.order < target.order && !played[module.id]);
}
