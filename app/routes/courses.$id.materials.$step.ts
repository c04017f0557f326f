import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { requirePermission } from '~/accounts/guard.server';
import { isEnrolled } from '~/courses/enrolment.server';
import { courseText } from '~/courses/load.server';
import { materialPdf } from '~/courses/pdf.server';
import { courseFromParams } from '~/courses/route-helpers.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { courseLanguage } from '~/courses/views.server';

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

/** A course's material for her to download: a PDF made from the course text in her language, or a file of the course folder. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(context, request, 'take', 'course');
  const loaded = courseFromParams(context.courses, params.id);
  const step = loaded.course.lessons.flatMap((lesson) => lesson.steps).find((candidate) => candidate.id === params.step);
  if (!step || step.type !== 'material') throw json({ reason: 'notFound' }, { status: 404 });
  if (!(await isEnrolled(context.db, user.id, loaded.course.id))) throw json({ reason: 'forbidden' }, { status: 403 });
  const language = courseLanguage(loaded, await readerLanguage(request));
  const t = courseText(loaded, language);
  let body: Buffer;
  let type: string;
  let name: string;
  if (step.pdf) {
    body = await materialPdf({
      language,
      courseTitle: t(loaded.course.titleKey),
      title: t(step.pdf.titleKey),
      sections: step.pdf.sections.map((s) => ({ heading: s.headingKey ? t(s.headingKey) : undefined, body: t(s.bodyKey) })),
    });
    type = 'application/pdf';
    name = `${loaded.course.id}-${step.id}-${language}.pdf`;
  } else {
    // The schema allows only materials/<name> with a known extension: never a path outside the folder.
    body = await readFile(path.join(loaded.folder, step.file!));
    const extension = step.file!.split('.').pop()!;
    type = contentTypes[extension] ?? 'application/octet-stream';
    name = path.basename(step.file!);
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
