// Small numbers protect girls: counts derived from girls show "<10" for 1–9 (primary
// suppression), and further cells are hidden (secondary suppression) until no hidden cell
// can be worked out from the totals shown beside it. Pure: the screen, the CSV and the
// charts all show what this module decides.

/** The smallest count shown as a number; 1..SMALL_COUNT_LIMIT-1 are shown as "<10". */
export const SMALL_COUNT_LIMIT = 10;

/** What a reader sees in place of a count. */
export type ShownCount =
  | { kind: 'count'; value: number }
  /** 1–9: too small to show. */
  | { kind: 'small' }
  /** Hidden so that a small count cannot be recomputed from the totals. */
  | { kind: 'hidden' };

/** A table of counts with a total per row, per column, and a grand total. */
export interface CountTable {
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  grandTotal: number;
}

export interface ShownTable {
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  grandTotal: ShownCount;
}

/** Builds a table (with its totals) from a matrix of counts. */
export function countTable(cells: number[][]): CountTable {
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) => cells.reduce((sum, row) => sum + row[c]!, 0));
  return { cells, rowTotals, columnTotals, grandTotal: rowTotals.reduce((sum, value) => sum + value, 0) };
}

/** A place in the table: a cell, a row total, a column total or the grand total. */
type Place = string;
const cellAt = (r: number, c: number): Place => `c${r}:${c}`;
const rowTotalAt = (r: number): Place => `r${r}`;
const columnTotalAt = (c: number): Place => `k${c}`;
const grandTotalAt = 'g';

/** A sum rule a reader knows: the parts add up to the whole. */
interface Line {
  parts: Place[];
  whole: Place;
}

function linesOf(table: CountTable): Line[] {
  const rows = table.cells.length;
  const columns = table.columnTotals.length;
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) lines.push({ parts: range(columns).map((c) => cellAt(r, c)), whole: rowTotalAt(r) });
  for (let c = 0; c < columns; c++) lines.push({ parts: range(rows).map((r) => cellAt(r, c)), whole: columnTotalAt(c) });
  lines.push({ parts: range(rows).map(rowTotalAt), whole: grandTotalAt });
  lines.push({ parts: range(columns).map(columnTotalAt), whole: grandTotalAt });
  return lines;
}

function valuesOf(table: CountTable): Map<Place, number> {
  const values = new Map<Place, number>();
  table.cells.forEach((row, r) => row.forEach((value, c) => values.set(cellAt(r, c), value)));
  table.rowTotals.forEach((value, r) => values.set(rowTotalAt(r), value));
  table.columnTotals.forEach((value, c) => values.set(columnTotalAt(c), value));
  values.set(grandTotalAt, table.grandTotal);
  return values;
}

const isSmall = (value: number) => value > 0 && value < SMALL_COUNT_LIMIT;

/**
 * Decides what is shown. Primary: every count of 1–9 is "<10". Secondary: while a reader who
 * knows the rule (a "<10" is 1–9, a hidden cell is at least 0) could pin a hidden count down
 * from the lines' sums, hide the smallest other count in that line.
 */
export function suppressSmallCounts(table: CountTable): ShownTable {
  const values = valuesOf(table);
  const small = new Set([...values].filter(([, value]) => isSmall(value)).map(([place]) => place));
  const hidden = new Set<Place>();
  const lines = linesOf(table);

  const show = (place: Place): ShownCount =>
    small.has(place) ? { kind: 'small' } : hidden.has(place) ? { kind: 'hidden' } : { kind: 'count', value: values.get(place)! };
  const shownTable = (): ShownTable => ({
    cells: table.cells.map((row, r) => row.map((_, c) => show(cellAt(r, c)))),
    rowTotals: table.rowTotals.map((_, r) => show(rowTotalAt(r))),
    columnTotals: table.columnTotals.map((_, c) => show(columnTotalAt(c))),
    grandTotal: show(grandTotalAt),
  });

  const exposedNow = () => [...attackShownTable(table, shownTable())].filter(([, i]) => i.low === i.high).map(([place]) => place);
  // Greedy: hide the shown count, in a line around an exposed one, that leaves the fewest
  // exposed; among equals the smallest (zeros and totals last).
  for (let exposed = exposedNow(); exposed.length > 0; exposed = exposedNow()) {
    const around = lines.filter((line) => exposed.some((place) => line.whole === place || line.parts.includes(place)));
    const candidates = [...new Set(around.flatMap((line) => shownMembers(line, small, hidden)))].sort((a, b) => preferForHiding(values, a, b));
    if (candidates.length === 0) break;
    let best = candidates[0];
    let fewest = Number.POSITIVE_INFINITY;
    // The few smallest are enough to choose well; trying all would cost a second on big tables.
    for (const candidate of candidates.slice(0, 4)) {
      hidden.add(candidate);
      const left = exposedNow().length;
      hidden.delete(candidate);
      if (left < fewest) [best, fewest] = [candidate, left];
      if (left === 0) break;
    }
    hidden.add(best!);
  }
  return shownTable();
}

function shownMembers(line: Line, small: Set<Place>, hidden: Set<Place>): Place[] {
  return [...line.parts, line.whole].filter((place) => !small.has(place) && !hidden.has(place));
}

/** Hide the smallest non-zero count first (zeros tell nothing more), totals last. */
function preferForHiding(values: Map<Place, number>, a: Place, b: Place): number {
  const weight = (place: Place) => {
    const value = values.get(place)!;
    const isTotal = !place.startsWith('c');
    return (value === 0 ? 1e12 : value) + (isTotal ? 1e13 : 0);
  };
  return weight(a) - weight(b);
}

/** What a reader can work out: the interval of each hidden or small count. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The reader's best attack: interval propagation over every sum rule, with each "<10" in
 * [1, 9], each hidden count in [0, ∞) and every shown count exact. Returns the intervals of
 * the places that are not shown as numbers.
 */
export function attackShownTable(table: CountTable, shown: ShownTable): Map<string, Interval> {
  const { places, lines } = structureOf(table);
  const index = new Map(places.map((place, i) => [place, i]));
  const low = new Float64Array(places.length);
  const high = new Float64Array(places.length);
  places.forEach((place, i) => {
    const count = placeCount(shown, place);
    low[i] = count.kind === 'count' ? count.value : count.kind === 'small' ? 1 : 0;
    high[i] = count.kind === 'count' ? count.value : count.kind === 'small' ? SMALL_COUNT_LIMIT - 1 : Number.POSITIVE_INFINITY;
  });
  const numbered = lines.map((line) => ({ parts: line.parts.map((p) => index.get(p)!), whole: index.get(line.whole)! }));
  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds++) {
    changed = false;
    for (const line of numbered) {
      let sumLow = 0;
      let sumHigh = 0;
      for (const p of line.parts) {
        sumLow += low[p]!;
        sumHigh += high[p]!;
      }
      changed = narrow(low, high, line.whole, sumLow, sumHigh) || changed;
      for (const p of line.parts) {
        const othersLow = sumLow - low[p]!;
        // ∞ − ∞ is NaN: the others' sum is unbounded then.
        const othersHigh = high[p]! === Number.POSITIVE_INFINITY ? othersHighWithout(line.parts, high, p) : sumHigh - high[p]!;
        changed = narrow(low, high, p, low[line.whole]! - othersHigh, high[line.whole]! - othersLow) || changed;
      }
    }
  }
  const unknown = new Map<string, Interval>();
  places.forEach((place, i) => {
    if (placeCount(shown, place).kind !== 'count') unknown.set(place, { low: low[i]!, high: high[i]! });
  });
  return unknown;
}

function othersHighWithout(parts: number[], high: Float64Array, without: number): number {
  let sum = 0;
  for (const p of parts) if (p !== without) sum += high[p]!;
  return sum;
}

function narrow(low: Float64Array, high: Float64Array, i: number, newLow: number, newHigh: number): boolean {
  let changed = false;
  if (newLow > low[i]!) {
    low[i] = newLow;
    changed = true;
  }
  if (newHigh < high[i]!) {
    high[i] = newHigh;
    changed = true;
  }
  return changed;
}

const structures = new WeakMap<CountTable, { places: Place[]; lines: Line[] }>();
function structureOf(table: CountTable) {
  let structure = structures.get(table);
  if (!structure) {
    structure = { places: [...valuesOf(table).keys()], lines: linesOf(table) };
    structures.set(table, structure);
  }
  return structure;
}

function placeCount(shown: ShownTable, place: Place): ShownCount {
  if (place === grandTotalAt) return shown.grandTotal;
  if (place.startsWith('r')) return shown.rowTotals[Number(place.slice(1))]!;
  if (place.startsWith('k')) return shown.columnTotals[Number(place.slice(1))]!;
  const [r, c] = place.slice(1).split(':').map(Number);
  return shown.cells[r!]![c!]!;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The text of a shown count, for tables, CSV and chart labels. */
export function shownCountText(count: ShownCount, hiddenMark = '•'): string {
  if (count.kind === 'count') return String(count.value);
  return count.kind === 'small' ? `<${SMALL_COUNT_LIMIT}` : hiddenMark;
}
