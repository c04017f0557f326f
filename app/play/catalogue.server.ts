import type { LessonLibrary } from '~/lessons/load.server';
import { type ProgrammeModule, programmeOf } from '~/programme/programme';

export type ModuleCard = ProgrammeModule;

/** The girls' modules in programme order, titled in the reader's language, for the start and preview pages. */
export function girlsModules(lessons: LessonLibrary, language: string): ModuleCard[] {
  return programmeOf(lessons.modules, language);
}
