import type { LoaderFunctionArgs } from '@remix-run/node';
import { courseMaterial } from '~/courses/materials.server';
import { learnerCourse } from '~/courses/route-helpers.server';
import { readerLanguage } from '~/i18n/i18next.server';
import { refusal } from '~/lib/refusal.server';

/** A course's material for her to download: a PDF made from the course text in her language, or a file of the course folder. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, loaded } = await learnerCourse(context, request, params);
  const material = await courseMaterial(context.db, { userId: user.id, loaded, stepId: params.step, language: await readerLanguage(request) });
  if (!material.ok) throw refusal(material.reason);
  const { body, contentType, fileName } = material.value;
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
