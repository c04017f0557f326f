// A module × variant as the loader hands it over: validated, overlay applied, text merged,
// and where each part came from (so a check can name the file to fix). Types only.
import type { Language } from '../i18n/config';
import type { LessonModule, LessonTexts, LessonVariant } from './schema';

export interface LessonFiles {
  /** The module's folder, e.g. `content/modules/wie-ben-ik`. */
  folder: string;
  /** `module.yaml` (or `.json`). */
  structure: string;
  /** `variants/<variant>.yaml`, when the variant has one. */
  overlay?: string;
  /** The file that defines each step in this variant: the structure file or the overlay. */
  stepFiles: Record<string, string>;
  /** Where each language's text lives (or belongs, when the file is missing). */
  texts: Record<Language, string>;
  /** `variants/<variant>/<lng>.json`, for a variant other than `standard`. */
  overlayTexts?: Record<Language, string>;
}

export interface ResolvedLesson {
  module: LessonModule;
  variant: LessonVariant;
  /** i18next resources per language (overlay text merged); a language without a file is absent. */
  texts: Partial<Record<Language, LessonTexts>>;
  files: LessonFiles;
}

/** One module folder: the resolved lesson of every variant. */
export interface LessonModuleSet {
  id: string;
  order: number;
  variants: Record<LessonVariant, ResolvedLesson>;
}
