import type { Kysely } from 'kysely';
import { type Actor, assignableRoles } from '~/accounts/permissions';
import type { Database } from '~/db/schema.server';
import { type Language, languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { logger } from '~/logger.server';
import { appConfig } from '~/config.server';
import { deliverPendingMail } from './delivery.server';

export type EmailTemplate =
  | 'registered'
  | 'registrationExists'
  | 'approved'
  | 'rejected'
  | 'passwordReset'
  | 'passwordChanged'
  | 'emailChanged'
  | 'trainingDayPromoted'
  | 'trainingDayReminder';

export interface EmailRequest {
  to: string;
  language: string;
  template: EmailTemplate;
  values?: Record<string, string>;
}

/** Writes the message, in the recipient's language, to the outbox; delivery follows. */
export async function queueEmail(db: Kysely<Database>, email: EmailRequest): Promise<void> {
  mailQueuedAt = Date.now();
  const language: Language = languageOr(email.language);
  const t = await i18next.getFixedT(language, 'email');
  const values = { ...email.values, interpolation: { escapeValue: false } };
  await db
    .insertInto('outbox')
    .values({
      recipient: email.to,
      language,
      subject: t(`${email.template}.subject`, values),
      // One greeting: by name when the message knows it.
      body: `${email.values?.name ? t('greetingNamed', values) : t('greeting')}\n\n${t(`${email.template}.body`, values)}\n\n${t('signature')}`,
    })
    .execute();
}

let delivering: Promise<void> | undefined;
/** When this process last queued mail: the outbox is read after requests only for a while after that. */
let mailQueuedAt = Number.NEGATIVE_INFINITY;
/** A message was refused: tried again after the next request. */
let retryWaiting = false;
let deliverAgain = false;
/** Mail is queued inside a transaction; the request that queued it finishes after the commit, well within this. */
const QUEUED_MAIL_WINDOW_MS = 30_000;

/**
 * Sends what waits in the outbox (SMTP_URL set), or writes it to the log (not set). Called
 * after every request that may have queued mail, it reads the outbox only when this process
 * queued mail lately or a delivery failed (each instance delivers its own; start-up picks up
 * what a stopped one left). One delivery runs at a time.
 */
export function deliverOutbox(db: Kysely<Database>): Promise<void> {
  if (!retryWaiting && Date.now() - mailQueuedAt > QUEUED_MAIL_WINDOW_MS) return delivering ?? Promise.resolve();
  if (delivering) {
    // It may have read the outbox before this request's mail was committed: once more after it.
    deliverAgain = true;
    return delivering;
  }
  delivering = (async () => {
    const config = appConfig();
    do {
      deliverAgain = false;
      retryWaiting = (await deliverPendingMail(db, config, logger)).failed > 0;
    } while (deliverAgain);
  })().finally(() => {
    delivering = undefined;
  });
  return delivering;
}

/**
 * At start-up, with SMTP_URL set: sends what an earlier process queued but could not send
 * (it stopped, or the mail server was down). Without SMTP the outbox page is the mailbox.
 */
export async function deliverOutboxAtStartUp(db: Kysely<Database>): Promise<void> {
  if (!appConfig().smtpUrl) return;
  retryWaiting = true;
  await deliverOutbox(db);
}

/**
 * The outbox as a reader may see it. A message to someone holding a role the reader could
 * not hand out (a coordinator or admin, for a coordinator) keeps its body hidden: its
 * reset link would let her take over that account.
 */
export async function listOutbox(db: Kysely<Database>, reader: { assignableRoles: readonly string[] }, limit = 100) {
  const messages = await db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
  const recipients = [...new Set(messages.map((m) => m.recipient))];
  const roles = recipients.length
    ? await db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.email', 'r.role'])
        .where('u.email', 'in', recipients)
        .execute()
    : [];
  const protectedRecipients = new Set(roles.filter((r) => !reader.assignableRoles.includes(r.role)).map((r) => r.email));
  return messages.map((message) => ({ ...message, bodyHidden: protectedRecipients.has(message.recipient) }));
}

/**
 * The outbox page. Without SMTP the log is the mailbox, so the bodies are shown (but for the
 * messages `listOutbox` hides from this reader); with SMTP none is: they hold reset links
 * meant for one person only.
 */
export async function outboxView(db: Kysely<Database>, reader: Actor) {
  const showBodies = !appConfig().smtpUrl;
  const messages = await listOutbox(db, { assignableRoles: assignableRoles(reader) });
  return {
    showBodies,
    messages: messages.map((m) => ({
      id: m.id,
      recipient: m.recipient,
      subject: m.subject,
      body: showBodies && !m.bodyHidden ? m.body : null,
      hidden: showBodies && m.bodyHidden,
      createdAt: m.created_at,
      sentAt: m.sent_at,
      lastError: m.last_error,
    })),
  };
}
