import { createCookie, json, redirect } from '@remix-run/node';
import { z } from 'zod';
import type { Participant } from '~/db/schema.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { type LessonVariant, lessonVariants } from '~/lessons/schema';
import { findParticipant } from '~/progress/progress.server';
import { db, lessonLibrary, startRuntime } from '~/runtime.server';

const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

let cookie: ReturnType<typeof createCookie> | undefined;

/** The participant id on this device, so /play can offer "continue where you stopped". */
export async function participantCookie() {
  if (!cookie) {
    const { config } = await startRuntime();
    cookie = createCookie('weerbaar_participant', { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: 60 * 60 * 24 * 7 });
  }
  return cookie;
}

/** The participant behind a link and her lesson, or a 404 (unknown link, or content since removed). */
export async function participantAndLesson(id: string | undefined): Promise<{ participant: Participant; lesson: ResolvedLesson }> {
  const parsed = participantIdSchema.safeParse(id);
  const participant = parsed.success ? await findParticipant(await db(), parsed.data) : undefined;
  const library = await lessonLibrary();
  const lesson = participant && (lessonVariants as readonly string[]).includes(participant.variant)
    ? library.lesson(participant.module_id, participant.variant as LessonVariant)
    : undefined;
  if (!participant || !lesson) throw json({ reason: 'notFound' }, { status: 404 });
  return { participant, lesson };
}

/** The path of a participant link. */
export function participantPath(id: string): string {
  return `/play/p/${id}`;
}

export async function redirectToParticipant(id: string): Promise<Response> {
  return redirect(participantPath(id), { headers: { 'Set-Cookie': await (await participantCookie()).serialize(id) } });
}
