// Reads content/courses/<id>/ (decision 0016): course.yaml and locales/<lng>.json, validated
// with the same text schema and problem format as the girls' modules (decision 0005).
// Every problem is collected and thrown as one ContentError, one line each.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { supportedLanguages, type Language } from '../i18n/config';
import { readData } from '../lessons/load.server';
import { ContentError, formatFieldPath, type ContentProblem } from '../lessons/problems';
import { lessonTextsSchema, type LessonTexts } from '../lessons/schema';
import { checkCourse } from './check';
import { courseSchema, type Course } from './schema';

export interface LoadedCourse {
  course: Course;
  /** i18next resources per language. */
  texts: Partial<Record<Language, LessonTexts>>;
  /** The course folder, absolute (materials are read from it). */
  folder: string;
  files: { structure: string; texts: Record<Language, string> };
}

export interface CourseLibrary {
  /** Every course, by `order`. */
  courses: LoadedCourse[];
  course(id: string): LoadedCourse | undefined;
}

export function defaultCourseRoot(): string {
  return path.join(process.cwd(), 'content', 'courses');
}

const libraries = new Map<string, CourseLibrary>();

/** The courses under a root, read and checked once per root (at start-up) and kept. */
export function loadCourses(root: string = defaultCourseRoot()): CourseLibrary {
  const resolved = path.resolve(root);
  let library = libraries.get(resolved);
  if (!library) {
    const courses = readCourses(resolved);
    const byId = new Map(courses.map((course) => [course.course.id, course]));
    library = { courses, course: (id) => byId.get(id) };
    libraries.set(resolved, library);
  }
  return library;
}

/** Reads, validates and checks every course folder under the root, uncached. */
export function readCourses(root: string, options: { check?: boolean } = {}): LoadedCourse[] {
  if (!existsSync(root)) return [];
  const problems: ContentProblem[] = [];
  const courses = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => readCourseFolder(path.join(root, entry.name), problems))
    .filter((course): course is LoadedCourse => course !== undefined);
  const orders = new Map<number, string>();
  for (const loaded of courses) {
    const other = orders.get(loaded.course.order);
    if (other) problems.push({ file: loaded.files.structure, field: 'order', message: `${loaded.course.order} is also the order of "${other}"` });
    orders.set(loaded.course.order, loaded.course.id);
    if (options.check !== false) problems.push(...checkCourse(loaded, (file) => existsSync(path.join(loaded.folder, file)), publicFileExists));
  }
  if (problems.length) throw new ContentError(problems);
  return courses.sort((a, b) => a.course.order - b.course.order);
}

function publicFileExists(url: string): boolean {
  return !url.includes('..') && existsSync(path.join(process.cwd(), 'public', url));
}

const display = (file: string) => path.relative(process.cwd(), file) || file;

function readCourseFolder(folder: string, problems: ContentProblem[]): LoadedCourse | undefined {
  const structureFile = ['course.yaml', 'course.yml', 'course.json'].map((name) => path.join(folder, name)).find((file) => existsSync(file));
  if (!structureFile) {
    problems.push({ file: display(folder), message: 'no course.yaml in this course folder' });
    return undefined;
  }
  const structure = display(structureFile);
  const data = readData(structureFile, structure, problems);
  if (data === undefined) return undefined;
  const parsed = courseSchema.safeParse(data);
  const texts: Partial<Record<Language, LessonTexts>> = {};
  const textFiles = {} as Record<Language, string>;
  for (const language of supportedLanguages) {
    const file = path.join(folder, 'locales', `${language}.json`);
    textFiles[language] = display(file);
    if (!existsSync(file)) continue;
    const raw = readData(file, display(file), problems);
    if (raw === undefined) continue;
    const text = lessonTextsSchema.safeParse(raw);
    if (text.success) texts[language] = text.data;
    else problems.push(...text.error.issues.map((i) => ({ file: display(file), field: formatFieldPath(i.path) || undefined, message: i.message })));
  }
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => ({ file: structure, ...locate(i.path, data), message: i.message })));
    return undefined;
  }
  const folderName = path.basename(folder);
  if (parsed.data.id !== folderName) problems.push({ file: structure, field: 'id', message: `"${parsed.data.id}" must match the folder name "${folderName}"` });
  return { course: parsed.data, texts, folder, files: { structure, texts: textFiles } };

  function locate(issuePath: (string | number)[], raw: unknown) {
    const [lessons, l, steps, s, ...rest] = issuePath;
    if (lessons === 'lessons' && typeof l === 'number' && steps === 'steps' && typeof s === 'number') {
      const step = (raw as { lessons?: { steps?: { id?: unknown }[] }[] }).lessons?.[l]?.steps?.[s];
      const stepId = typeof step?.id === 'string' ? step.id : `lesson ${l + 1}, step #${s + 1}`;
      return { stepId, field: formatFieldPath(rest) || undefined };
    }
    return { field: formatFieldPath(issuePath) || undefined };
  }
}

/** A course's text in one language, with the course's first language as fallback. */
export function courseText(loaded: LoadedCourse, language: Language): (key: string) => string {
  const fallback = loaded.course.languages[0]!;
  const lookup = (texts: LessonTexts | undefined, key: string): string | undefined => {
    let node: string | LessonTexts | undefined = texts;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : undefined;
  };
  return (key) => lookup(loaded.texts[language], key) ?? lookup(loaded.texts[fallback], key) ?? key;
}
