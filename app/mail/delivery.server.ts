import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database } from '~/db/schema.server';

export interface MailSettings {
  /** Without it, mail is written to the log (and stays readable at /coordinate/outbox). */
  smtpUrl: string | undefined;
  mailFrom: string;
}

/** The part of pino's logger delivery needs (a test passes its own). */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A message stops being retried after this many failed attempts. */
export const MAX_DELIVERY_ATTEMPTS = 5;

const transporters = new Map<string, Promise<Transporter>>();

function transporterFor(smtpUrl: string): Promise<Transporter> {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    transporter = import('nodemailer').then((nodemailer) => nodemailer.createTransport(smtpUrl));
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

/**
 * Sends up to 50 waiting messages over SMTP, or writes each one whole to the log when there
 * is no SMTP_URL (the log is then the mailbox, with the reset links in it). A failure is
 * counted and kept on the row; the next delivery tries again.
 */
export async function deliverPendingMail(db: Kysely<Database>, settings: MailSettings, log: MailLog): Promise<{ failed: number }> {
  let failed = 0;
  const pending = await db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', MAX_DELIVERY_ATTEMPTS)
    .orderBy('id')
    .limit(50)
    .execute();
  for (const message of pending) {
    try {
      if (settings.smtpUrl) {
        await (
          await transporterFor(settings.smtpUrl)
        ).sendMail({ from: settings.mailFrom, to: message.recipient, subject: message.subject, text: message.body });
      } else {
        log.info(
          { outboxId: message.id, to: message.recipient, language: message.language, subject: message.subject, text: message.body },
          'e-mail written to the log (no SMTP_URL: not sent)',
        );
      }
      await db
        .updateTable('outbox')
        .set({ sent_at: new Date(), attempts: message.attempts + 1, last_error: null })
        .where('id', '=', message.id)
        .execute();
    } catch (error) {
      failed += 1;
      log.warn({ outboxId: message.id, err: error }, 'e-mail delivery failed');
      await db
        .updateTable('outbox')
        .set({ attempts: message.attempts + 1, last_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', message.id)
        .execute();
    }
  }
  return { failed };
}
