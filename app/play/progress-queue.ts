import type { LessonEvent } from '~/lessons/compile';

export interface QueuedEvent {
  sequence: number;
  event: LessonEvent;
}

export type SaveState = 'saved' | 'saving' | 'offline';

interface QueueOptions {
  participantId: string;
  onState: (state: SaveState) => void;
  /** The server refused or holds something else (another tablet went on): start over from its log. */
  onOutOfStep: () => void;
}

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

/**
 * The player's outbox. Every answer is kept in localStorage before it is sent, sent in
 * order, and removed only when the server has written it; a dropped connection only
 * delays it. Lives in the browser only.
 */
export class ProgressQueue {
  private readonly storageKey: string;
  private sending = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: QueueOptions) {
    this.storageKey = `weerbaar.progress.${options.participantId}`;
    window.addEventListener('online', this.retryNow);
  }

  /** Answers given on this device that the server has not confirmed yet. */
  pending(): QueuedEvent[] {
    try {
      const stored = JSON.parse(window.localStorage.getItem(this.storageKey) ?? '[]') as unknown;
      return Array.isArray(stored) ? (stored as QueuedEvent[]) : [];
    } catch {
      return [];
    }
  }

  /** Keeps only what the server does not have yet (it already holds `serverCount` events). */
  prune(serverCount: number) {
    this.save(this.pending().filter((queued) => queued.sequence > serverCount));
  }

  push(queued: QueuedEvent) {
    this.save([...this.pending().filter((q) => q.sequence < queued.sequence), queued]);
    void this.flush();
  }

  clear() {
    this.save([]);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.retryNow);
  }

  private save(queue: QueuedEvent[]) {
    try {
      if (queue.length) window.localStorage.setItem(this.storageKey, JSON.stringify(queue));
      else window.localStorage.removeItem(this.storageKey);
    } catch {
      // Private mode or a full storage: the answer still goes out now, it just does not outlive the tab.
    }
    this.options.onState(queue.length ? (this.attempt > 0 ? 'offline' : 'saving') : 'saved');
  }

  private retryNow = () => {
    clearTimeout(this.retryTimer);
    void this.flush();
  };

  async flush(): Promise<void> {
    if (this.sending || this.stopped) return;
    this.sending = true;
    try {
      for (let next = this.pending()[0]; next && !this.stopped; next = this.pending()[0]) {
        const outcome = await this.send(next);
        if (outcome === 'retry') {
          const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
          this.attempt += 1;
          this.options.onState('offline');
          this.retryTimer = setTimeout(this.retryNow, delay);
          return;
        }
        this.attempt = 0;
        if (outcome === 'out-of-step') {
          this.clear();
          this.options.onOutOfStep();
          return;
        }
        this.save(this.pending().filter((q) => q.sequence !== next!.sequence));
      }
    } finally {
      this.sending = false;
    }
  }

  private async send(queued: QueuedEvent): Promise<'saved' | 'retry' | 'out-of-step'> {
    try {
      const response = await fetch(`/play/p/${encodeURIComponent(this.options.participantId)}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(queued),
      });
      if (response.ok) return 'saved';
      // Refused for good (decision 0022: a reason with its status): her log moved on elsewhere, the
      // lesson does not allow it, the session is closed to her own steps, or she is no longer in it.
      if ([403, 404, 409, 422].includes(response.status)) return 'out-of-step';
      return 'retry';
    } catch {
      return 'retry';
    }
  }
}
