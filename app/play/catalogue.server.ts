import { type ProgrammeModule, programmeOf } from '~/programme/programme';
import { lessonLibrary } from '~/runtime.server';

export type ModuleCard = ProgrammeModule;

/** The girls' modules in programme order, titled in the reader's language, for the start and preview pages. */
export async function girlsModules(language: string): Promise<ModuleCard[]> {
  return programmeOf((await lessonLibrary()).modules, language);
}
