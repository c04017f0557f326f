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
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let polling = false;
    const accept = (next: T) => setView((current) => (next.version >= current.version ? next : current));

    const poll = async () => {
      if (closed || !polling) return;
      try {
        const response = await fetch(pollUrl, { headers: { Accept: 'application/json' } });
        if (response.ok) accept((await response.json()) as T);
      } catch {
        // Offline for now: the next poll tries again.
      }
      pollTimer = setTimeout(poll, 2000);
    };

    const startPolling = () => {
      if (polling) return;
      polling = true;
      setConnection('polling');
      void poll();
    };
    // While polling, the stream is tried again now and then: after a long outage (a server
    // restart, a Wi-Fi drop) tablets return to live updates instead of polling for good.
    const openStream = () => {
      source = new EventSource(streamUrl);
      source.addEventListener('open', () => {
        failures = 0;
        polling = false;
        clearTimeout(pollTimer);
        setConnection('live');
      });
      source.addEventListener('state', (event) => accept(JSON.parse((event as MessageEvent<string>).data) as T));
      source.addEventListener('error', () => {
        failures += 1;
        if (!polling) setConnection('connecting');
        if (failures >= 5 && source?.readyState !== EventSource.OPEN) {
          source?.close();
          startPolling();
          reopenTimer = setTimeout(() => {
            failures = 0;
            if (!closed) openStream();
          }, 15_000);
        }
      });
    };

    if (typeof EventSource === 'undefined') startPolling();
    else openStream();
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
      clearTimeout(reopenTimer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [streamUrl, pollUrl]);

  return { view, connection };
}
