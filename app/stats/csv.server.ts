import { stringify } from 'csv-stringify/sync';
import type { StatTable } from './dashboard.server';
import { shownCountText } from './suppression';

export const csvSeparators = { semicolon: ';', comma: ',' } as const;
export type CsvSeparator = keyof typeof csvSeparators;

/**
 * A spreadsheet cannot run a formula from our file (OWASP "CSV injection"): a text that
 * starts with = + - @ or a tab/CR is prefixed with a quote. Counts are plain numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One table as CSV: UTF-8 with a byte-order mark (so Excel reads accents), ";" by default
 * (Belgian spreadsheets use the comma as decimal separator) or "," (RFC 4180). Suppressed
 * counts read exactly as on screen.
 */
export function tableToCsv(table: StatTable, separator: CsvSeparator, labels: { total: string; hidden: string }): string {
  const header = [table.rowHeader, ...table.columns, ...(table.rows.some((row) => row.total) ? [labels.total] : [])];
  const records = table.rows.map((row) => [
    row.label,
    ...row.cells.map((cell) => shownCountText(cell, labels.hidden)),
    ...(row.total ? [shownCountText(row.total, labels.hidden)] : []),
  ]);
  if (table.totals) {
    records.push([
      labels.total,
      ...table.totals.cells.map((cell) => shownCountText(cell, labels.hidden)),
      ...(table.totals.total ? [shownCountText(table.totals.total, labels.hidden)] : []),
    ]);
  }
  const rows = [header, ...records].map((record) => record.map(neutraliseFormula));
  return `\uFEFF${stringify(rows, { delimiter: csvSeparators[separator], record_delimiter: '\r\n', quoted_match: /[\s";,]/ })}`;
}
