import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '~/db/schema.server';
import { type Language, isLanguage } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { logger } from '~/logger.server';
import { startRuntime } from '~/runtime.server';

export type EmailTemplate =
  | 'registered'
  | 'registrationExists'
  | 'approved'
  | 'rejected'
  | 'passwordReset'
  | 'passwordChanged'
  | 'emailChanged';

export interface EmailRequest {
  to: string;
  language: string;
  template: EmailTemplate;
  values?: Record<string, string>;
}

/** Writes the message, in the recipient's language, to the outbox; delivery follows. */
export async function queueEmail(db: Kysely<Database>, email: EmailRequest): Promise<void> {
  const language: Language = isLanguage(email.language) ? email.language : 'nl';
  const t = await i18next.getFixedT(language, 'email');
  const values = { ...email.values, interpolation: { escapeValue: false } };
  await db
    .insertInto('outbox')
    .values({
      recipient: email.to,
      language,
      subject: t(`${email.template}.subject`, values),
      body: `${t('greeting')}\n\n${t(`${email.template}.body`, values)}\n\n${t('signature')}`,
    })
    .execute();
}

let transporter: Promise<Transporter> | undefined;
let delivering: Promise<void> | undefined;

/**
 * Sends what waits in the outbox (SMTP_URL set), or writes it to the log (not set). Called
 * after a request that queued mail, and at start-up; one delivery runs at a time.
 */
export function deliverOutbox(): Promise<void> {
  delivering ??= deliverPending().finally(() => {
    delivering = undefined;
  });
  return delivering;
}

async function deliverPending(): Promise<void> {
  const { config, database } = await startRuntime();
  const db = database.db;
  const pending = await db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', 5)
    .orderBy('id')
    .limit(50)
    .execute();
  for (const message of pending) {
    try {
      if (config.smtpUrl) {
        transporter ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(config.smtpUrl));
        await (await transporter).sendMail({ from: config.mailFrom, to: message.recipient, subject: message.subject, text: message.body });
      } else {
        logger.info({ outboxId: message.id, subject: message.subject }, 'e-mail written to the outbox (no SMTP_URL: not sent)');
      }
      await db.updateTable('outbox').set({ sent_at: new Date(), attempts: message.attempts + 1, last_error: null }).where('id', '=', message.id).execute();
    } catch (error) {
      logger.warn({ outboxId: message.id, err: error }, 'e-mail delivery failed');
      await db
        .updateTable('outbox')
        .set({ attempts: message.attempts + 1, last_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', message.id)
        .execute();
    }
  }
}

export async function listOutbox(db: Kysely<Database>, limit = 100) {
  return db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
