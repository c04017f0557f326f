import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { supportedLanguages } from '~/i18n/config';
import { lessonVariants } from '~/lessons/schema';
import { readForm } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { redirectToParticipant } from '~/play/participant.server';
import { createParticipant } from '~/progress/progress.server';

const startForm = z.object({
  module: z.string().max(100),
  variant: z.enum(lessonVariants),
  language: z.enum(supportedLanguages),
  preview: z.literal('yes').optional(),
});

export async function loader() {
  return redirect('/play');
}

/** Starts a module for a new anonymous participant (or a facilitator's preview, never counted). */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = startForm.safeParse(await readForm(request));
  if (!parsed.success) return refusal('badRequest');
  const { module, variant, language, preview } = parsed.data;
  const lesson = context.lessons.lesson(module, variant);
  if (!lesson) return refusal('notFound');
  const previewer = preview ? await requirePermission(context, request, 'preview', 'module') : null;
  // A module played only with a care worker is never started alone (decision 0010): the kind word instead.
  if (!previewer && lesson.module.solo !== 'allowed') return redirect(`/play?module=${encodeURIComponent(module)}`);
  const id = await createParticipant(context.db, { moduleId: module, variant, language, previewBy: previewer?.id ?? null });
  return redirectToParticipant(request, id);
}
