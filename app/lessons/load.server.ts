// Reads content/modules/<id>/ (decision 0005), validates every file and resolves every
// variant. All problems are collected and thrown as one ContentError, one line each.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodType, ZodTypeDef } from 'zod';
import { supportedLanguages, type Language } from '../i18n/config';
import { applyOverlay, mergeTexts } from './overlay';
import { ContentError, problemsFromIssues, type ContentProblem } from './problems';
import type { LessonFiles, LessonModuleSet, ResolvedLesson } from './resolved';
import {
  lessonModuleSchema,
  lessonOverlaySchema,
  lessonTextsSchema,
  lessonVariants,
  overlayVariants,
  type LessonModule,
  type LessonOverlay,
  type LessonTexts,
  type LessonVariant,
} from './schema';

export function defaultContentRoot(): string {
  return path.join(process.cwd(), 'content', 'modules');
}

export interface LessonLibrary {
  /** Every module, by `order`. */
  modules: LessonModuleSet[];
  lesson(moduleId: string, variant: LessonVariant): ResolvedLesson | undefined;
}

/** The lesson a participant or a group session plays (its module and variant), unless its content has been removed since. */
export function lessonOf(library: LessonLibrary, row: { module_id: string; variant: LessonVariant }): ResolvedLesson | undefined {
  return library.lesson(row.module_id, row.variant);
}

const libraries = new Map<string, LessonLibrary>();

/** The modules under a content root, read once per root (at start-up) and kept. */
export function loadLessonModules(contentRoot: string = defaultContentRoot()): LessonLibrary {
  const root = path.resolve(contentRoot);
  let library = libraries.get(root);
  if (!library) {
    const modules = readLessonModules(root);
    const byId = new Map(modules.map((set) => [set.id, set]));
    library = { modules, lesson: (moduleId, variant) => byId.get(moduleId)?.variants[variant] };
    libraries.set(root, library);
  }
  return library;
}

/** Reads every module folder under the root, uncached. No root, or an empty one: no modules. */
export function readLessonModules(contentRoot: string): LessonModuleSet[] {
  if (!existsSync(contentRoot)) return [];
  const problems: ContentProblem[] = [];
  const modules = readdirSync(contentRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => readModuleFolder(path.join(contentRoot, entry.name), problems))
    .filter((set): set is LessonModuleSet => set !== undefined);
  const ids = new Map<number, string>();
  for (const set of modules) {
    const other = ids.get(set.order);
    if (other) problems.push({ file: set.variants.standard.files.structure, field: 'order', message: `${set.order} is also the order of "${other}"` });
    ids.set(set.order, set.id);
  }
  if (problems.length) throw new ContentError(problems);
  return modules.sort((a, b) => a.order - b.order);
}

/** Reads one module folder, uncached. */
export function readLessonModule(folder: string): LessonModuleSet {
  const problems: ContentProblem[] = [];
  const set = readModuleFolder(folder, problems);
  if (!set || problems.length) throw new ContentError(problems);
  return set;
}

/** Does a media path like `/pictograms/talk.svg` exist under the public folder? */
export function publicFileExists(publicRoot: string = path.join(process.cwd(), 'public')): (url: string) => boolean {
  return (url) => !url.includes('..') && existsSync(path.join(publicRoot, url));
}

const display = (file: string) => path.relative(process.cwd(), file) || file;
const structureNames = ['module.yaml', 'module.yml', 'module.json'];

function readModuleFolder(folder: string, problems: ContentProblem[]): LessonModuleSet | undefined {
  const structureFile = structureNames.map((name) => path.join(folder, name)).find((file) => existsSync(file));
  if (!structureFile) {
    problems.push({ file: display(folder), message: `no ${structureNames.join(' or ')} in this module folder` });
    return undefined;
  }
  const structure = display(structureFile);
  const base = parseWith(structureFile, lessonModuleSchema, problems);
  const baseTexts = readTexts(path.join(folder, 'locales'), problems);
  if (!base) return undefined;
  const folderName = path.basename(folder);
  if (base.id !== folderName) {
    problems.push({ file: structure, field: 'id', message: `"${base.id}" must match the folder name "${folderName}"` });
  }

  const textFiles = textFilesIn(path.join(folder, 'locales'));
  const variants = {} as Record<LessonVariant, ResolvedLesson>;
  variants.standard = {
    module: base,
    variant: 'standard',
    texts: baseTexts,
    files: { folder: display(folder), structure, stepFiles: stepFilesOf(base, structure), texts: textFiles },
  };
  checkVariantNames(path.join(folder, 'variants'), problems);
  for (const variant of overlayVariants) {
    const resolved = readVariant(folder, variant, variants.standard, problems);
    if (resolved) variants[variant] = resolved;
  }
  if (lessonVariants.some((variant) => !variants[variant])) return undefined;
  return { id: base.id, order: base.order, variants };
}

function readVariant(folder: string, variant: LessonVariant, standard: ResolvedLesson, problems: ContentProblem[]): ResolvedLesson | undefined {
  const overlayFile = ['yaml', 'yml', 'json'].map((ext) => path.join(folder, 'variants', `${variant}.${ext}`)).find((file) => existsSync(file));
  const overlay: LessonOverlay | undefined = overlayFile ? parseWith(overlayFile, lessonOverlaySchema, problems) : {};
  if (!overlay) return undefined;
  const textFolder = path.join(folder, 'variants', variant);
  const overlayTexts = readTexts(textFolder, problems);
  const texts: Partial<Record<Language, LessonTexts>> = {};
  for (const language of supportedLanguages) {
    const own = standard.texts[language];
    const extra = overlayTexts[language];
    if (own || extra) texts[language] = mergeTexts(own ?? {}, extra ?? {});
  }
  const files: LessonFiles = { ...standard.files, overlayTexts: textFilesIn(textFolder) };
  if (!overlayFile) return { module: standard.module, variant, texts, files };

  const overlayName = display(overlayFile);
  const result = applyOverlay(standard.module, overlay);
  if (!result.ok) {
    // The base module is valid, so whatever breaks here is the overlay's doing.
    problems.push(...result.problems.map((problem) => ({ file: overlayName, ...problem })));
    return undefined;
  }
  const stepFiles = stepFilesOf(result.module, files.structure);
  for (const id of result.overlaidSteps) stepFiles[id] = overlayName;
  return { module: result.module, variant, texts, files: { ...files, overlay: overlayName, stepFiles } };
}

/** Every file or folder in variants/ is named for a known variant: a typo must not go unnoticed. */
function checkVariantNames(variantsFolder: string, problems: ContentProblem[]) {
  if (!existsSync(variantsFolder)) return;
  for (const name of readdirSync(variantsFolder)) {
    const variant = statSync(path.join(variantsFolder, name)).isDirectory() ? name : name.replace(/\.(ya?ml|json)$/, '');
    if (!(overlayVariants as readonly string[]).includes(variant)) {
      problems.push({ file: display(path.join(variantsFolder, name)), message: `unknown variant "${variant}" (known: ${overlayVariants.join(', ')})` });
    }
  }
}

function readTexts(folder: string, problems: ContentProblem[]): Partial<Record<Language, LessonTexts>> {
  const texts: Partial<Record<Language, LessonTexts>> = {};
  for (const language of supportedLanguages) {
    const file = path.join(folder, `${language}.json`);
    if (!existsSync(file)) continue;
    const parsed = parseWith(file, lessonTextsSchema, problems);
    if (parsed) texts[language] = parsed;
  }
  return texts;
}

function textFilesIn(folder: string): Record<Language, string> {
  return Object.fromEntries(supportedLanguages.map((language) => [language, display(path.join(folder, `${language}.json`))])) as Record<Language, string>;
}

function stepFilesOf(module: LessonModule, file: string): Record<string, string> {
  return Object.fromEntries(module.steps.map((step) => [step.id, file]));
}

/** Reads a YAML or JSON file and validates it; problems name the file, step and field. */
function parseWith<T>(file: string, schema: ZodType<T, ZodTypeDef, unknown>, problems: ContentProblem[]): T | undefined {
  const name = display(file);
  const data = readData(file, name, problems);
  if (data === undefined) return undefined;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  problems.push(...problemsFromIssues(parsed.error.issues, data).map((problem) => ({ file: name, ...problem })));
  return undefined;
}

/** A content file (YAML or JSON) as data; what does not parse becomes a problem naming the file and line. Courses read theirs with it too. */
export function readData(file: string, name: string, problems: ContentProblem[]): unknown {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      problems.push({ file: name, message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
  const document = parseDocument(text);
  if (document.errors.length) {
    for (const error of document.errors) {
      const at = error.linePos?.[0];
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push({ file: name, field: at ? `line ${at.line}, column ${at.col}` : undefined, message });
    }
    return undefined;
  }
  return document.toJS();
}
