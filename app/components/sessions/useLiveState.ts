import { useEffect, useState } from 'react';

export type Connection = 'connecting' | 'live' | 'polling';

/**
 * The session state as it changes: Server-Sent Events, which reconnect by themselves and
 * get the current state first on every (re)connect. Where SSE keeps failing (a proxy
 * that buffers, an old browser), it polls instead. Newer versions win; older ones are dropped.
 */
export function useLiveState<T extends { version: number }>(streamUrl: string, pollUrl: string, initial: T): { view: T; connection: Connection } {
  const [view, setView] = useState<T>(initial);
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => setView((current) => (initial.version > current.version ? initial : current)), [initial]);

  useEffect(() => {
    let closed = false;
    let failures = 0;
    let source: EventSource | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    const accept = (next: T) => setView((current) => (next.version >= current.version ? next : current));

    const poll = async () => {
      if (closed) return;
      try {
        const response = await fetch(pollUrl, { headers: { Accept: 'application/json' } });
        if (response.ok) accept((await response.json()) as T);
      } catch {
        // Offline for now: the next poll tries again.
      }
      pollTimer = setTimeout(poll, 2000);
    };

    if (typeof EventSource === 'undefined') {
      setConnection('polling');
      void poll();
    } else {
      source = new EventSource(streamUrl);
      source.addEventListener('open', () => {
        failures = 0;
        setConnection('live');
      });
      source.addEventListener('state', (event) => accept(JSON.parse((event as MessageEvent<string>).data) as T));
      source.addEventListener('error', () => {
        failures += 1;
        setConnection('connecting');
        if (failures >= 5 && source?.readyState !== EventSource.OPEN) {
          source?.close();
          setConnection('polling');
          void poll();
        }
      });
    }
    // A tablet waking from sleep may have missed changes: ask once.
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        void fetch(pollUrl, { headers: { Accept: 'application/json' } })
          .then((r) => (r.ok ? r.json() : null))
          .then((next) => next && accept(next as T))
          .catch(() => undefined);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      closed = true;
      source?.close();
      clearTimeout(pollTimer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [streamUrl, pollUrl]);

  return { view, connection };
}
