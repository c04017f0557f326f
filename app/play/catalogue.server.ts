import { type Language, isLanguage } from '~/i18n/config';
import { lessonVariants } from '~/lessons/schema';
import { lessonLibrary } from '~/runtime.server';
import { moduleText } from './texts';

export interface ModuleCard {
  id: string;
  order: number;
  title: string;
  summary: string;
  durationMinutes: number;
  variants: string[];
  /** May a girl play it alone at /play (decision 0010)? */
  solo: boolean;
}

/** The girls' modules, titled in the reader's language, for the start and preview pages. */
export async function girlsModules(language: string): Promise<ModuleCard[]> {
  const lng: Language = isLanguage(language) ? language : 'nl';
  const library = await lessonLibrary();
  return library.modules
    .filter((set) => set.variants.standard.module.audience === 'girls')
    .map((set) => {
      const { module, texts } = set.variants.standard;
      const text = texts[lng] ?? {};
      return {
        id: set.id,
        order: set.order,
        title: moduleText(text, module.titleKey),
        summary: moduleText(text, module.summaryKey),
        durationMinutes: module.durationMinutes,
        variants: lessonVariants.filter((variant) => set.variants[variant]),
        solo: module.solo === 'allowed',
      };
    });
}
