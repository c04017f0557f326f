import { describe, expect, it } from 'vitest';
import { readDashboardFilters } from '~/stats/filters';
import { attackShownTable, countTable, type ShownCount, type ShownTable, suppressSmallCounts } from '~/stats/suppression';

const text = (count: ShownCount) => (count.kind === 'count' ? count.value : count.kind === 'small' ? '<10' : 'hidden');

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** Counts like real ones: many zeros and small numbers, some large. */
function randomTable(random: () => number): number[][] {
  const rows = 1 + Math.floor(random() * 5);
  const columns = 1 + Math.floor(random() * 5);
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => {
      const roll = random();
      return roll < 0.25 ? 0 : roll < 0.6 ? 1 + Math.floor(random() * 9) : 10 + Math.floor(random() * 200);
    }),
  );
}

describe('small-count suppression', () => {
  it('shows 1–9 as "<10", keeps zeros and safe large counts', () => {
    const shown = suppressSmallCounts(countTable([[0, 40, 25]]));
    expect(shown.cells[0]!.map(text)).toEqual([0, 40, 25]);
    expect(text(shown.grandTotal)).toBe(65);
  });

  it('hides a second count in a line with a single small one, so the total does not give it away', () => {
    const shown = suppressSmallCounts(countTable([[3, 40, 25]]));
    expect(shown.cells[0]!.map(text)).toEqual(['<10', 40, 'hidden']);
    expect(text(shown.rowTotals[0]!)).toBe(68);
  });

  it('does not let two small counts be worked out when they must both be 1', () => {
    // 1 + 1 + 30 = 32: with only "<10" shown, a reader would find 1 and 1 from the total.
    const shown = suppressSmallCounts(countTable([[1, 1, 30]]));
    const unknown = attackShownTable(countTable([[1, 1, 30]]), shown);
    for (const interval of unknown.values()) expect(interval.high).toBeGreaterThan(interval.low);
  });

  it('no hidden or small count of 400 random tables can be recovered from the totals shown', () => {
    const random = generator(20261202);
    let hiddenSeen = 0;
    for (let i = 0; i < 400; i++) {
      const table = countTable(randomTable(random));
      const shown = suppressSmallCounts(table);
      for (const [place, interval] of attackShownTable(table, shown)) {
        hiddenSeen++;
        expect(interval.high, `table ${JSON.stringify(table.cells)}: ${place} pinned to ${interval.low}`).toBeGreaterThan(interval.low);
      }
      // Whatever is shown as a number is the true count.
      shown.cells.forEach((row, r) =>
        row.forEach((count, c) => {
          if (count.kind === 'count') expect(count.value).toBe(table.cells[r]![c]);
          if (count.kind === 'small') expect(table.cells[r]![c]).toBeGreaterThan(0);
        }),
      );
    }
    expect(hiddenSeen).toBeGreaterThan(200);
  }, 60_000);

  it('without suppression the same attack does recover a small count (the test can fail)', () => {
    const table = countTable([[3, 40, 25]]);
    // Only the primary rule: the small count hidden, its row total shown beside the others.
    const onlyPrimary: ShownTable = {
      cells: [[{ kind: 'small' }, { kind: 'count', value: 40 }, { kind: 'count', value: 25 }]],
      rowTotals: [{ kind: 'count', value: 68 }],
      columnTotals: [{ kind: 'small' }, { kind: 'count', value: 40 }, { kind: 'count', value: 25 }],
      grandTotal: { kind: 'count', value: 68 },
    };
    const pinned = [...attackShownTable(table, onlyPrimary).values()].filter((i) => i.low === i.high);
    expect(pinned.length).toBeGreaterThan(0);
  });
});

describe('dashboard filters', () => {
  it('read the whole GET form, empty fields meaning "not chosen"', () => {
    const read = readDashboardFilters(
      new URLSearchParams('period=quarter&year=2026&quarter=4&month=&from=&to=&place=luxemburg&organisationType=&module=&variant=&language='),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.filters.period).toEqual({ from: new Date('2026-10-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(read.value.filters.provinces).toEqual(['luxemburg']);
    expect(read.value.filters.module).toBeNull();
  });
  it('a region is its provinces; a custom period ending before it starts is an error', () => {
    const flanders = readDashboardFilters(new URLSearchParams('period=all&place=flanders'));
    expect(flanders.ok && flanders.value.filters.provinces).toHaveLength(5);
    expect(readDashboardFilters(new URLSearchParams('period=custom&from=2026-05-01&to=2026-01-01'))).toEqual({
      ok: false,
      reason: 'dashboardPeriod',
    });
    expect(readDashboardFilters(new URLSearchParams('period=year&year=abc'))).toEqual({ ok: false, reason: 'dashboardFilters' });
  });
});
