import { randomBytes } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Kysely, sql } from 'kysely';
import type { Database, Participant } from '~/db/schema.server';
import {
  type LessonEvent,
  applyLessonEvent,
  notALessonEvent,
  compileLessonFlow,
  currentStepId,
  lessonEventSchema,
  replayLessonEvents,
} from '~/lessons/compile';
import type { Language } from '~/i18n/config';
import type { ResolvedLesson } from '~/lessons/resolved';
import type { LessonVariant } from '~/lessons/schema';
import { stableJson } from './stable-json';

/** An event bigger than this is not an answer a player could give. */
export const MAX_EVENT_BYTES = 4096;

export async function createParticipant(
  db: Kysely<Database>,
  start: { moduleId: string; variant: LessonVariant; language: Language; previewBy?: string | null },
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('participants')
    .values({ id, module_id: start.moduleId, variant: start.variant, language: start.language, preview_by: start.previewBy ?? null })
    .execute();
  return id;
}

export function findParticipant(db: Kysely<Database>, id: string): Promise<Participant | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A participant and her events in order, in one statement: every player request needs both. */
export async function findParticipantWithLog(db: Kysely<Database>, id: string): Promise<{ participant: Participant; events: LessonEvent[] } | undefined> {
  const row = await db
    .selectFrom('participants as p')
    .selectAll('p')
    .select((eb) =>
      jsonArrayFrom(eb.selectFrom('progress_events as e').select('e.event').whereRef('e.participant_id', '=', 'p.id').orderBy('e.sequence')).as('log'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { log, ...participant } = row;
  return { participant, events: log.map((entry) => entry.event as LessonEvent) };
}

/**
 * The participants playing alone (no group session) this process served lately, with their
 * logs. Such a row never changes and a log only grows, so a remembered log is a prefix of the
 * stored one: an append judged on it is right, or it meets the unique (participant, sequence)
 * and the caller judges it again on the stored log. It saves a read on the player's busiest
 * request. Group participants are always read: a facilitator may remove them.
 */
export class RecentSoloLogs {
  private readonly logs = new Map<string, { participant: Participant; events: LessonEvent[] }>();
  constructor(private readonly capacity = 5000) {}

  get(id: string): { participant: Participant; events: LessonEvent[] } | undefined {
    const found = this.logs.get(id);
    if (found) {
      // Most recently used last: the oldest go first when full.
      this.logs.delete(id);
      this.logs.set(id, found);
    }
    return found;
  }

  remember(participant: Participant, events: readonly LessonEvent[]) {
    if (participant.group_session_id) return;
    this.logs.delete(participant.id);
    this.logs.set(participant.id, { participant, events: [...events] });
    if (this.logs.size > this.capacity) this.logs.delete(this.logs.keys().next().value!);
  }

  get size() {
    return this.logs.size;
  }
}

/** Her events in order: the state is their replay through the lesson machine. */
export async function progressEvents(db: Kysely<Database>, participantId: string): Promise<LessonEvent[]> {
  const rows = await db.selectFrom('progress_events').select('event').where('participant_id', '=', participantId).orderBy('sequence').execute();
  return rows.map((row) => row.event as LessonEvent);
}

export type AppendOutcome =
  | { kind: 'appended'; sequence: number; step: string }
  | { kind: 'duplicate'; sequence: number }
  /** The sequence number is taken by a different event. */
  | { kind: 'conflict'; expected: number }
  /** The sequence number skips ahead: an earlier event has not arrived. */
  | { kind: 'gap'; expected: number }
  /** Not a lesson event, or one the machine does not allow now. */
  | { kind: 'refused'; reason: string };

/**
 * Appends one event if the lesson machine allows it after the events so far. A repeated
 * (participant, sequence) with the same event is the same event (idempotent); nothing is
 * written for anything else.
 */
export async function appendProgressEvent(
  db: Kysely<Database>,
  lesson: ResolvedLesson,
  participantId: string,
  sequence: number,
  rawEvent: unknown,
  /** Her log as the caller already read it (a log read a moment ago is safe: the unique sequence judges). */
  knownEvents?: readonly LessonEvent[],
): Promise<AppendOutcome> {
  const parsed = lessonEventSchema.safeParse(rawEvent);
  if (!parsed.success) return { kind: 'refused', reason: notALessonEvent };
  const event = parsed.data;
  if (stableJson(event).length > MAX_EVENT_BYTES) return { kind: 'refused', reason: 'the event is too large' };

  const events = knownEvents ?? (await progressEvents(db, participantId));
  const expected = events.length + 1;
  if (sequence < expected) {
    return stableJson(events[sequence - 1]) === stableJson(event) ? { kind: 'duplicate', sequence } : { kind: 'conflict', expected };
  }
  if (sequence > expected) return { kind: 'gap', expected };

  const result = applyLessonEvent(compileLessonFlow(lesson.module), events, event);
  if (!result.ok) return { kind: 'refused', reason: result.reason };
  const insert = (trx: Kysely<Database>) =>
    trx
      .insertInto('progress_events')
      .values({ participant_id: participantId, sequence, event: JSON.stringify(event) })
      .onConflict((oc) => oc.columns(['participant_id', 'sequence']).doNothing())
      .returning('sequence')
      .executeTakeFirst();
  // The last event of her lesson also marks the participation finished, in one transaction
  // (the dashboard's count never drifts from the log); every other event is one statement.
  const inserted =
    result.snapshot.status === 'done'
      ? await db.transaction().execute(async (trx) => {
          const row = await insert(trx);
          if (!row) return row;
          const finished = await trx
            .updateTable('participants')
            .set({ finished_at: new Date() })
            .where('id', '=', participantId)
            .where('finished_at', 'is', null)
            .returning('group_session_id')
            .executeTakeFirst();
          if (finished?.group_session_id) {
            await trx
              .updateTable('group_sessions')
              .set({ finished_own_count: sql`finished_own_count + 1` })
              .where('id', '=', finished.group_session_id)
              .execute();
          }
          return row;
        })
      : await insert(db);
  if (inserted) return { kind: 'appended', sequence, step: currentStepId(result.snapshot) };
  // Another request (a second tablet, a retry) wrote this sequence number first.
  const winner = await db
    .selectFrom('progress_events')
    .select('event')
    .where('participant_id', '=', participantId)
    .where('sequence', '=', sequence)
    .executeTakeFirstOrThrow();
  return stableJson(winner.event) === stableJson(event) ? { kind: 'duplicate', sequence } : { kind: 'conflict', expected: sequence + 1 };
}

/**
 * Appends a player's event, judged on the log at hand. A remembered log that fell behind
 * (another instance or the no-JavaScript form wrote meanwhile) can only make an append fail:
 * it is then judged again on the stored log. Either way `logs` remembers the log as it now stands.
 */
export async function appendWithRememberedLog(
  db: Kysely<Database>,
  logs: RecentSoloLogs,
  found: { participant: Participant; lesson: ResolvedLesson; events: readonly LessonEvent[]; remembered: boolean },
  sequence: number,
  event: LessonEvent,
): Promise<AppendOutcome> {
  const { participant, lesson } = found;
  let events = found.events;
  let outcome = await appendProgressEvent(db, lesson, participant.id, sequence, event, events);
  if (found.remembered && outcome.kind !== 'appended' && outcome.kind !== 'duplicate') {
    events = await progressEvents(db, participant.id);
    outcome = await appendProgressEvent(db, lesson, participant.id, sequence, event, events);
  }
  logs.remember(participant, outcome.kind === 'appended' ? [...events, event] : events);
  return outcome;
}

/** The state of her lesson: the replay of her log. */
export function lessonStateOf(lesson: ResolvedLesson, events: readonly LessonEvent[]) {
  return replayLessonEvents(compileLessonFlow(lesson.module), events);
}
