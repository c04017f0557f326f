// A course's material for her to download (decision 0016): a PDF made from the course text in
// her language, or a file of the course's folder. For those enrolled in the course only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { type Result, ok, refused } from '~/lib/result';
import { isEnrolled } from './enrolment.server';
import { courseText, type LoadedCourse } from './load.server';
import { materialPdf } from './pdf.server';
import { courseLanguage } from './views.server';

const contentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
};

export interface Material {
  body: Buffer;
  contentType: string;
  fileName: string;
}

/** The material step `stepId` of the course (not found: not a material step of it), for her when she is enrolled. */
export async function courseMaterial(
  db: Kysely<Database>,
  input: { userId: string; loaded: LoadedCourse; stepId: string | undefined; language: Language },
): Promise<Result<Material, 'notFound' | 'notEnrolled'>> {
  const { loaded } = input;
  const step = loaded.course.lessons.flatMap((lesson) => lesson.steps).find((candidate) => candidate.id === input.stepId);
  if (!step || step.type !== 'material') return refused('notFound');
  if (!(await isEnrolled(db, input.userId, loaded.course.id))) return refused('notEnrolled');
  const language = courseLanguage(loaded, input.language);
  if (step.pdf) {
    const t = courseText(loaded, language);
    const body = await materialPdf({
      language,
      courseTitle: t(loaded.course.titleKey),
      title: t(step.pdf.titleKey),
      sections: step.pdf.sections.map((s) => ({ heading: s.headingKey ? t(s.headingKey) : undefined, body: t(s.bodyKey) })),
    });
    return ok({ body, contentType: 'application/pdf', fileName: `${loaded.course.id}-${step.id}-${language}.pdf` });
  }
  // The schema allows only materials/<name> with a known extension: never a path outside the folder.
  const file = step.file!;
  return ok({
    body: await readFile(path.join(loaded.folder, file)),
    contentType: contentTypes[file.split('.').pop()!] ?? 'application/octet-stream',
    fileName: path.basename(file),
  });
}
