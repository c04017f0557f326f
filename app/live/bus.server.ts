import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/** "Session X is now at version N": ids and a number only, never content (NOTIFY payloads are public to the database). */
export interface SessionChange {
  sessionId: string;
  version: number;
}

export interface LiveBus {
  publish(change: SessionChange): Promise<void>;
  subscribe(listener: (change: SessionChange) => void): () => void;
  /** Called after the bus lost notices (a reconnect): listeners re-read what they show. */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'weerbaar_live';

/** The listening half both buses share: changes and resyncs on a local emitter. */
function localListeners(emitter: EventEmitter): Pick<LiveBus, 'subscribe' | 'onResync'> {
  return {
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    onResync(listener) {
      emitter.on('resync', listener);
      return () => emitter.off('resync', listener);
    },
  };
}

/** One process (PGlite): an event emitter is the whole bus. */
export function createInProcessBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    ...localListeners(emitter),
    async publish(change) {
      emitter.emit('change', change);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Several app instances on one PostgreSQL: LISTEN on a dedicated connection, NOTIFY to
 * publish. After a lost connection it listens again and asks everyone to re-read, since
 * notices sent meanwhile are gone.
 */
export async function createPostgresBus(databaseUrl: string, logger: Logger): Promise<LiveBus> {
  const { default: pg } = await import('pg');
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: InstanceType<typeof pg.Client> | undefined;
  let closed = false;
  let retry = 0;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      try {
        const change = JSON.parse(message.payload ?? '') as SessionChange;
        if (typeof change.sessionId === 'string' && Number.isInteger(change.version)) emitter.emit('change', change);
      } catch {
        logger.warn({ payload: message.payload }, 'live bus: unreadable notice');
      }
    });
    next.on('error', (error) => logger.warn({ err: error }, 'live bus: connection error'));
    next.on('end', () => {
      if (closed) return;
      client = undefined;
      const delay = Math.min(10_000, 250 * 2 ** retry++);
      logger.warn({ delay }, 'live bus: connection lost, reconnecting');
      setTimeout(() => void connect().catch(() => undefined), delay).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    const reconnected = client === undefined && retry > 0;
    client = next;
    retry = 0;
    if (reconnected) emitter.emit('resync');
  }
  await connect();

  return {
    async publish(change) {
      const payload = JSON.stringify({ sessionId: change.sessionId, version: change.version });
      if (client) {
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
      } else {
        // Listener down: deliver here at least; other instances resync when it returns.
        emitter.emit('change', change);
      }
    },
    ...localListeners(emitter),
    async close() {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => undefined);
    },
  };
}
