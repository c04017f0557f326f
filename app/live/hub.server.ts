import type { LiveBus, SessionChange } from './bus.server';

export type Audience = 'tablet' | 'facilitator';

/** What an instance shows about one session, per audience, at one version: the facilitator's only when asked for. */
export interface SessionViews<Tablet, Facilitator> {
  version: number;
  tablet: Tablet;
  facilitator?: Facilitator;
}

export type ReadSessionViews<Tablet, Facilitator> = (sessionId: string, withFacilitator: boolean) => Promise<SessionViews<Tablet, Facilitator> | null>;

export interface StreamClient {
  send(event: string, data: string): void;
}

interface Channel {
  clients: Record<Audience, Set<StreamClient>>;
  last?: { version: number; tablet: string; facilitator?: string };
  reading?: Promise<void>;
  stale: boolean;
}

/**
 * Fans one session's changes out to the tablets and facilitators connected to this
 * instance. Per change it reads the session's state once (concurrent changes coalesce),
 * then pushes it — and only to the audiences whose view actually changed. Generic in the
 * two views it reads (the app's: `SessionHub`), which it only ever sends as JSON.
 */
export class LiveHub<Tablet, Facilitator> {
  /** For the benchmark: state reads and changes seen by this instance. */
  readonly metrics = { changes: 0, stateReads: 0, pushes: 0 };
  private readonly channels = new Map<string, Channel>();

  constructor(
    bus: LiveBus,
    private readonly read: ReadSessionViews<Tablet, Facilitator>,
  ) {
    bus.subscribe((change) => this.onChange(change));
    bus.onResync(() => {
      for (const sessionId of this.channels.keys()) void this.refresh(sessionId);
    });
  }

  /** Connects a client; it gets the current state at once. Returns the disconnect function. */
  async attach(sessionId: string, audience: Audience, client: StreamClient): Promise<() => void> {
    let channel = this.channels.get(sessionId);
    if (!channel) {
      channel = { clients: { tablet: new Set(), facilitator: new Set() }, stale: true };
      this.channels.set(sessionId, channel);
    }
    channel.clients[audience].add(client);
    const needsFacilitatorView = audience === 'facilitator' && channel.last?.facilitator === undefined;
    if (!channel.last || needsFacilitatorView) await this.refresh(sessionId);
    const view = audience === 'tablet' ? channel.last?.tablet : channel.last?.facilitator;
    if (view) client.send('state', view);
    return () => {
      channel!.clients[audience].delete(client);
      if (channel!.clients.tablet.size === 0 && channel!.clients.facilitator.size === 0) this.channels.delete(sessionId);
    };
  }

  private onChange(change: SessionChange) {
    this.metrics.changes += 1;
    const channel = this.channels.get(change.sessionId);
    if (!channel || (channel.last && change.version <= channel.last.version)) return;
    void this.refresh(change.sessionId);
  }

  private refresh(sessionId: string): Promise<void> {
    const channel = this.channels.get(sessionId);
    if (!channel) return Promise.resolve();
    if (channel.reading) {
      channel.stale = true;
      return channel.reading;
    }
    channel.reading = (async () => {
      do {
        channel.stale = false;
        this.metrics.stateReads += 1;
        const views = await this.read(sessionId, channel.clients.facilitator.size > 0).catch(() => null);
        if (!views || (channel.last && views.version < channel.last.version)) continue;
        const tablet = JSON.stringify(views.tablet);
        const facilitator = views.facilitator === undefined ? undefined : JSON.stringify(views.facilitator);
        const previous = channel.last;
        channel.last = { version: views.version, tablet, facilitator };
        if (previous) {
          // A join or an answer changes the version, not what a tablet shows: no push then.
          if (withoutVersion(views.tablet) !== withoutVersion(previous.tablet)) this.push(channel.clients.tablet, tablet);
          if (facilitator !== undefined && facilitator !== previous.facilitator) this.push(channel.clients.facilitator, facilitator);
        }
      } while (channel.stale);
    })().finally(() => {
      channel.reading = undefined;
    });
    return channel.reading;
  }

  private push(clients: Set<StreamClient>, data: string) {
    for (const client of clients) {
      this.metrics.pushes += 1;
      client.send('state', data);
    }
  }
}

function withoutVersion(view: unknown): string {
  const parsed = (typeof view === 'string' ? JSON.parse(view) : view) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, version: undefined });
}

/** A Server-Sent Events response attached to the hub until the request ends. */
export function eventStream(request: Request, attach: (client: StreamClient) => Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let detach: (() => void) | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The stream is closed: the cleanup below runs.
        }
      };
      write('retry: 2000\n\n');
      detach = await attach({ send: (event, data) => write(`event: ${event}\ndata: ${data}\n\n`) });
      keepAlive = setInterval(() => write(': keep-alive\n\n'), 25_000);
      const close = () => {
        clearInterval(keepAlive);
        detach?.();
        try {
          controller.close();
        } catch {
          // Already closed.
        }
      };
      if (request.signal.aborted) close();
      else request.signal.addEventListener('abort', close, { once: true });
    },
    cancel() {
      clearInterval(keepAlive);
      detach?.();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
}
