import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '~/live/bus.server';
import { LiveHub, type SessionViews, type StreamClient } from '~/live/hub.server';

/** The hub on its own: a bus in this process and a read function that counts its calls. */
interface Tablet {
  version: number;
  step: string;
}
interface Facilitator extends Tablet {
  answers: number;
}

function setUp() {
  const bus = createInProcessBus();
  const state = { version: 1, step: 'intro', answers: 0 };
  const reads: boolean[] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const hub = new LiveHub(bus, async (_sessionId, withFacilitator): Promise<SessionViews<Tablet, Facilitator>> => {
    reads.push(withFacilitator);
    if (held) await held;
    const tablet = { version: state.version, step: state.step };
    return { version: state.version, tablet, facilitator: withFacilitator ? { ...tablet, answers: state.answers } : undefined };
  });
  const client = () => {
    const received: unknown[] = [];
    const c: StreamClient & { received: unknown[] } = { received, send: (_event, data) => received.push(JSON.parse(data)) };
    return c;
  };
  const hold = () => {
    held = new Promise((resolve) => (release = () => ((held = undefined), resolve())));
  };
  const change = async (update: Partial<typeof state>) => {
    Object.assign(state, update, { version: state.version + 1 });
    await bus.publish({ sessionId: 's1', version: state.version });
  };
  return { bus, hub, reads, client, change, hold, release: () => release?.() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('LiveHub', () => {
  it('gives a client the current state at once, and reads it once for everyone who comes after', async () => {
    const { hub, reads, client } = setUp();
    const a = client();
    const b = client();
    await hub.attach('s1', 'tablet', a);
    await hub.attach('s1', 'tablet', b);
    expect(a.received).toEqual([{ version: 1, step: 'intro' }]);
    expect(b.received).toEqual([{ version: 1, step: 'intro' }]);
    expect(reads).toEqual([false]);
  });

  it('pushes a change only to the audiences whose view changed', async () => {
    const { hub, client, change } = setUp();
    const tablet = client();
    const facilitator = client();
    await hub.attach('s1', 'tablet', tablet);
    await hub.attach('s1', 'facilitator', facilitator);
    await change({ answers: 1 });
    await settle();
    // An answer: the facilitator's counts change, what a tablet shows does not (only its version).
    expect(tablet.received).toHaveLength(1);
    expect(facilitator.received.at(-1)).toMatchObject({ answers: 1 });
    await change({ step: 'question' });
    await settle();
    expect(tablet.received.at(-1)).toEqual({ version: 3, step: 'question' });
    expect(facilitator.received.at(-1)).toMatchObject({ step: 'question', answers: 1 });
    expect(hub.metrics.changes).toBe(2);
  });

  it('coalesces changes that arrive while a read is under way into one more read, and never goes back to an older version', async () => {
    const { hub, reads, client, change, hold, release } = setUp();
    const tablet = client();
    await hub.attach('s1', 'tablet', tablet);
    hold();
    await change({ step: 'a' });
    await change({ step: 'b' });
    await change({ step: 'c' });
    await settle();
    release();
    await settle();
    // The first attach, the held read, and one read for the two changes that came during it.
    expect(reads).toHaveLength(3);
    expect(tablet.received.at(-1)).toEqual({ version: 4, step: 'c' });
    expect(tablet.received.map((v) => (v as Tablet).version)).toEqual([...tablet.received.map((v) => (v as Tablet).version)].sort());
  });

  it('ignores a change older than what it already showed, and forgets a session when its last client leaves', async () => {
    const { bus, hub, reads, client, change } = setUp();
    const tablet = client();
    const detach = await hub.attach('s1', 'tablet', tablet);
    await change({ step: 'a' });
    await settle();
    const before = reads.length;
    // A late notice of a version already shown (another instance's echo): no read.
    await bus.publish({ sessionId: 's1', version: 1 });
    await settle();
    expect(reads).toHaveLength(before);
    detach();
    await change({ step: 'b' });
    await settle();
    expect(reads).toHaveLength(before);
    expect(tablet.received.at(-1)).toEqual({ version: 2, step: 'a' });
  });
});
