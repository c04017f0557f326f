import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, type MailLog, deliverPendingMail } from '~/mail/delivery.server';
import { queueEmail } from '~/mail/outbox.server';
import { databaseKind, openTestDatabase } from './test-database';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port that keeps what it receives and refuses one address. */
async function startMailServer(refuse: string): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === refuse) callback(Object.assign(new Error('550 no such mailbox'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          from: from ? from.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The text part of a message as nodemailer writes it (7bit or quoted-printable). */
function textOf(raw: string): string {
  const [headers, ...rest] = raw.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (!/content-transfer-encoding: quoted-printable/i.test(headers!)) return body.replace(/\r\n/g, '\n').trimEnd();
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n').trimEnd();
}

/** The Subject header, unfolded, with its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const headers = raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return subject.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function memoryLog(): MailLog & { entries: { level: string; details: Record<string, unknown>; message: string }[] } {
  const entries: { level: string; details: Record<string, unknown>; message: string }[] = [];
  return {
    entries,
    info: (details, message) => entries.push({ level: 'info', details: details as Record<string, unknown>, message }),
    warn: (details, message) => entries.push({ level: 'warn', details: details as Record<string, unknown>, message }),
  };
}

describe(`the outbox on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let mailServer: Awaited<ReturnType<typeof startMailServer>>;
  const outbox = () => database.db.selectFrom('outbox').select(['recipient', 'sent_at', 'attempts', 'last_error', 'body']).orderBy('id').execute();

  beforeAll(async () => {
    database = await openTestDatabase();
    mailServer = await startMailServer('nobody-here@example.org');
  });
  beforeEach(async () => {
    await database.db.deleteFrom('outbox').execute();
    mailServer.received.length = 0;
  });
  afterAll(async () => {
    await mailServer.close();
    await database.drop();
  });

  it('with SMTP_URL, sends every waiting message once, in its own language, and marks it sent', async () => {
    await queueEmail(database.db, { to: 'grace@example.org', language: 'en', template: 'registered', values: { name: 'Grace' } });
    await queueEmail(database.db, {
      to: 'sara@example.org',
      language: 'nl',
      template: 'passwordReset',
      values: { link: 'https://weerbaar.example/account/reset-password?token=abc', minutes: '60' },
    });
    const settings = { smtpUrl: mailServer.url, mailFrom: 'Weerbaar <no-reply@weerbaar.example>' };
    const log = memoryLog();

    await deliverPendingMail(database.db, settings, log);
    expect(mailServer.received.map((m) => [m.from, m.to])).toEqual([
      ['no-reply@weerbaar.example', ['grace@example.org']],
      ['no-reply@weerbaar.example', ['sara@example.org']],
    ]);
    const [english, dutch] = mailServer.received;
    expect(subjectOf(english!.raw)).toBe('We received your registration');
    expect(english!.raw).toMatch(/^From: Weerbaar <no-reply@weerbaar\.example>\r$/m);
    expect(textOf(english!.raw)).toBe((await outbox())[0]!.body);
    expect(textOf(english!.raw)).toContain('Hello Grace,\n\nThank you for registering with Weerbaar.');
    expect(textOf(dutch!.raw)).toContain('https://weerbaar.example/account/reset-password?token=abc');
    expect((await outbox()).map((m) => [m.attempts, m.last_error, m.sent_at instanceof Date])).toEqual([
      [1, null, true],
      [1, null, true],
    ]);
    expect(log.entries.filter((e) => e.level === 'warn')).toEqual([]);

    await deliverPendingMail(database.db, settings, log);
    expect(mailServer.received).toHaveLength(2);
  });

  it('keeps a refused message waiting with its error, sends the others, and gives up after five attempts', async () => {
    await queueEmail(database.db, { to: 'nobody-here@example.org', language: 'nl', template: 'passwordChanged' });
    await queueEmail(database.db, { to: 'lotte@example.org', language: 'fr', template: 'passwordChanged' });
    const settings = { smtpUrl: mailServer.url, mailFrom: 'Weerbaar <no-reply@weerbaar.example>' };
    const log = memoryLog();

    await deliverPendingMail(database.db, settings, log);
    const [refused, delivered] = await outbox();
    expect([refused!.attempts, refused!.sent_at, refused!.last_error]).toEqual([1, null, expect.stringContaining('550')]);
    expect([delivered!.attempts, delivered!.sent_at instanceof Date]).toEqual([1, true]);
    expect(mailServer.received.map((m) => m.to)).toEqual([['lotte@example.org']]);
    expect(subjectOf(mailServer.received[0]!.raw)).toBe('Ton mot de passe a été changé');
    expect(textOf(mailServer.received[0]!.raw)).toBe(delivered!.body);
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => e.details.outboxId)).toHaveLength(1);

    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS + 2; attempt++) await deliverPendingMail(database.db, settings, log);
    expect((await outbox())[0]!.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(mailServer.received).toHaveLength(1);
  });

  it('without SMTP_URL, writes the whole message to the log (the log is the mailbox) and marks it done', async () => {
    await queueEmail(database.db, {
      to: 'sara@example.org',
      language: 'nl',
      template: 'passwordReset',
      values: { link: 'https://weerbaar.example/account/reset-password?token=xyz', minutes: '60' },
    });
    const log = memoryLog();
    await deliverPendingMail(database.db, { smtpUrl: undefined, mailFrom: 'Weerbaar <no-reply@weerbaar.example>' }, log);

    const [message] = await outbox();
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]!.level).toBe('info');
    expect(log.entries[0]!.details).toMatchObject({ to: 'sara@example.org', language: 'nl', text: message!.body });
    expect(String(log.entries[0]!.details.text)).toContain('https://weerbaar.example/account/reset-password?token=xyz');
    expect(message!.sent_at).toBeInstanceOf(Date);
    expect(mailServer.received).toEqual([]);

    await deliverPendingMail(database.db, { smtpUrl: undefined, mailFrom: 'x' }, log);
    expect(log.entries).toHaveLength(1);
  });
});
