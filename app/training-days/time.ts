// Training days happen in Belgium: a trainer types a date and times as they are on the wall
// clock in Brussels, and everyone reads them that way, whatever the server's time zone.
import type { Language } from '~/i18n/config';

export const trainingTimeZone = 'Europe/Brussels';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: trainingTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(date: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Brussels' offset from UTC at that moment, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(date: Date): number {
  const w = wallClock(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** `2027-03-04` + `09:30` on the Brussels wall clock, as an instant. */
export function brusselsToInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(new Date(guess));
  const second = guess - offsetAt(new Date(first));
  return new Date(second);
}

/** The Brussels calendar day of an instant, `YYYY-MM-DD`. */
export function brusselsDate(instant: Date): string {
  const w = wallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The Brussels wall-clock time of an instant, `HH:MM`. */
export function brusselsTime(instant: Date): string {
  const w = wallClock(instant);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** "donderdag 4 maart 2027" / "jeudi 4 mars 2027" / "Thursday, 4 March 2027". */
export function formatDay(instant: Date, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { timeZone: trainingTimeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    instant,
  );
}

/** "09:30–16:00" on the Brussels clock. */
export function formatTimes(start: Date, end: Date): string {
  return `${brusselsTime(start)}–${brusselsTime(end)}`;
}
