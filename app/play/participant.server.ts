import { json, redirect } from '@remix-run/node';
import { z } from 'zod';
import type { Participant } from '~/db/schema.server';
import type { LessonEvent } from '~/lessons/compile';
import type { LessonLibrary } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { type LessonVariant, lessonVariants } from '~/lessons/schema';
import { type AppendOutcome, RecentSoloLogs, appendWithRememberedLog, findParticipantWithLog } from '~/progress/progress.server';
import { db, lessonLibrary } from '~/runtime.server';
import { appCookie } from '~/security/cookie-policy.server';

const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/**
 * The participant on this device, signed: her link works only with it (decision 0013), and
 * /play can offer "continue where you stopped". Name and flags per request (decision 0014).
 */
export function participantCookie(request: Request) {
  return appCookie('participant', request);
}

/** The participant id this request's (signed) cookie carries, or null. */
export async function participantOfCookie(request: Request): Promise<string | null> {
  const value: unknown = await (await participantCookie(request)).parse(request.headers.get('Cookie'));
  return participantIdSchema.safeParse(value).success ? (value as string) : null;
}

/**
 * The participant behind a link, her lesson and her log, or a 404: an unknown link, content
 * since removed, or a link opened without her own cookie (the same answer: a link alone
 * tells nothing, not even that it exists).
 */
export async function participantAndLesson(
  id: string | undefined,
  request: Request,
): Promise<{ participant: Participant; lesson: ResolvedLesson; events: LessonEvent[] }> {
  const parsed = participantIdSchema.safeParse(id);
  const own = parsed.success && (await participantOfCookie(request)) === parsed.data;
  const found = own ? await findParticipantWithLog(await db(), parsed.data!) : undefined;
  const lesson = found && lessonOf(await lessonLibrary(), found.participant);
  if (!found || !lesson) throw json({ reason: 'notFound' }, { status: 404 });
  return { participant: found.participant, lesson, events: found.events };
}

const recentSoloLogs = new RecentSoloLogs();

/** As `participantAndLesson`, for the player's event posts: a solo player's log as this process last knew it. */
export async function participantForAppend(
  id: string | undefined,
  request: Request,
): Promise<Awaited<ReturnType<typeof participantAndLesson>> & { remembered: boolean }> {
  if (id === undefined || (await participantOfCookie(request)) !== id) throw json({ reason: 'notFound' }, { status: 404 });
  const remembered = recentSoloLogs.get(id);
  const lesson = remembered && lessonOf(await lessonLibrary(), remembered.participant);
  if (remembered && lesson) return { participant: remembered.participant, lesson, events: remembered.events, remembered: true };
  return { ...(await participantAndLesson(id, request)), remembered: false };
}

/** Appends a player's event (see `appendWithRememberedLog`). */
export async function appendForPlayer(found: Awaited<ReturnType<typeof participantForAppend>>, sequence: number, event: LessonEvent): Promise<AppendOutcome> {
  return appendWithRememberedLog(await db(), recentSoloLogs, found, sequence, event);
}

/** Her lesson (module and variant), unless the content has been removed since. */
export function lessonOf(library: LessonLibrary, participant: Participant): ResolvedLesson | undefined {
  return (lessonVariants as readonly string[]).includes(participant.variant)
    ? library.lesson(participant.module_id, participant.variant as LessonVariant)
    : undefined;
}

/** The path of a participant link. */
export function participantPath(id: string): string {
  return `/play/p/${id}`;
}

export async function redirectToParticipant(request: Request, id: string): Promise<Response> {
  return redirect(participantPath(id), { headers: { 'Set-Cookie': await (await participantCookie(request)).serialize(id) } });
}
