import { redirect } from '@remix-run/node';
import { z } from 'zod';
import type { AppServices } from '~/context.server';
import type { Participant } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import type { LessonEvent } from '~/lessons/compile';
import { lessonOf } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import type { LessonTexts } from '~/lessons/schema';
import { refusal } from '~/lib/refusal.server';
import { type Result, ok, refused } from '~/lib/result';
import { RecentSoloLogs, appendWithRememberedLog, findParticipantWithLog } from '~/progress/progress.server';
import { appCookie } from '~/security/cookie-policy.server';
import { type GateClosed, progressGate } from '~/sessions/participation.server';
import { moduleText } from './texts';

const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

type Services = Pick<AppServices, 'db' | 'lessons'>;

/**
 * The participant on this device, signed: her link works only with it (decision 0013), and
 * /play can offer "continue where you stopped". Name and flags per request (decision 0014).
 */
export function participantCookie(request: Request) {
  return appCookie('participant', request);
}

/** The participant id this request's (signed) cookie carries, or null. */
export async function participantOfCookie(request: Request): Promise<string | null> {
  const value: unknown = await participantCookie(request).parse(request.headers.get('Cookie'));
  return participantIdSchema.safeParse(value).success ? (value as string) : null;
}

export interface PlayerState {
  participant: Participant;
  lesson: ResolvedLesson;
  events: LessonEvent[];
}

/**
 * The participant behind a link, her lesson and her log, or a 404: an unknown link, content
 * since removed, or a link opened without her own cookie (the same answer: a link alone
 * tells nothing, not even that it exists).
 */
export async function participantAndLesson({ db, lessons }: Services, request: Request, id: string | undefined): Promise<PlayerState> {
  const parsed = participantIdSchema.safeParse(id);
  const own = parsed.success && (await participantOfCookie(request)) === parsed.data;
  const found = own ? await findParticipantWithLog(db, parsed.data!) : undefined;
  const lesson = found && lessonOf(lessons, found.participant);
  if (!found || !lesson) throw refusal('notFound');
  return { participant: found.participant, lesson, events: found.events };
}

/**
 * A participant's page (her player, her tablet in a group session): as `participantAndLesson`,
 * in her own language. A page asked for in another one is sent once to `?taal=<hers>` with the
 * language cookie, so that a second tablet with her link speaks hers too. `headers` renew her
 * participant cookie on this device.
 */
export async function participantPage(
  services: Services,
  request: Request,
  id: string | undefined,
): Promise<PlayerState & { language: Language; texts: LessonTexts; title: string; headers: { 'Set-Cookie': string } }> {
  const found = await participantAndLesson(services, request, id);
  const { language } = found.participant;
  const url = new URL(request.url);
  if ((await i18next.getLocale(request)) !== language && !url.searchParams.has('taal')) {
    url.searchParams.set('taal', language);
    throw redirect(url.pathname + url.search, { headers: { 'Set-Cookie': await appCookie('language', request).serialize(language) } });
  }
  const texts = found.lesson.texts[language] ?? {};
  const headers = { 'Set-Cookie': await participantCookie(request).serialize(found.participant.id) };
  return { ...found, language, texts, title: moduleText(texts, found.lesson.module.titleKey), headers };
}

const recentSoloLogs = new RecentSoloLogs();

/** As `participantAndLesson`, for the player's event posts: a solo player's log as this process last knew it. */
export async function participantForAppend(services: Services, request: Request, id: string | undefined): Promise<PlayerState & { remembered: boolean }> {
  if (id === undefined || (await participantOfCookie(request)) !== id) throw refusal('notFound');
  const remembered = recentSoloLogs.get(id);
  const lesson = remembered && lessonOf(services.lessons, remembered.participant);
  if (remembered && lesson) return { participant: remembered.participant, lesson, events: remembered.events, remembered: true };
  return { ...(await participantAndLesson(services, request, id)), remembered: false };
}

/** Why a step of hers is not written (reasons of app/sessions/reasons.ts). */
export type PlayRefusal = GateClosed | 'eventNotAllowed' | 'sequenceTaken' | 'sequenceAhead';

/**
 * One of her steps, with its sequence number (both ways of playing: the player's posts and the
 * form without JavaScript). In a group session only while her own pace is open; once written,
 * her step counts for the facilitator (announced by the group sessions). `duplicate`: the same
 * event under that number was written before (it is one event). `sequenceTaken`: another
 * event holds that number (another tablet went on); `sequenceAhead`: an earlier one is missing.
 */
export async function playEvent(
  { db, groupSessions }: Pick<AppServices, 'db' | 'groupSessions'>,
  found: PlayerState & { remembered: boolean },
  sequence: number,
  event: LessonEvent,
): Promise<Result<{ sequence: number; duplicate: boolean }, PlayRefusal>> {
  const { participant } = found;
  const gate = await progressGate(db, participant);
  if (!gate.ok) return gate;
  const outcome = await appendWithRememberedLog(db, recentSoloLogs, found, sequence, event);
  switch (outcome.kind) {
    case 'appended':
      if (participant.group_session_id) await groupSessions.noteOwnPaceProgress(participant.id, outcome.step);
      return ok({ sequence: outcome.sequence, duplicate: false });
    case 'duplicate':
      return ok({ sequence: outcome.sequence, duplicate: true });
    case 'conflict':
      return refused('sequenceTaken');
    case 'gap':
      return refused('sequenceAhead');
    case 'refused':
      return refused('eventNotAllowed');
  }
}

/** The path of a participant link. */
export function participantPath(id: string): string {
  return `/play/p/${id}`;
}

export async function redirectToParticipant(request: Request, id: string): Promise<Response> {
  return redirect(participantPath(id), { headers: { 'Set-Cookie': await participantCookie(request).serialize(id) } });
}
