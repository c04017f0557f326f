import { describe, expect, it } from 'vitest';
import { brusselsDate, brusselsTime, brusselsToInstant, formatDay } from '~/training-days/time';

describe('training days on the Brussels clock', () => {
  it('reads a wall-clock time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(brusselsToInstant('2027-01-14', '09:30').toISOString()).toBe('2027-01-14T08:30:00.000Z');
    expect(brusselsToInstant('2027-06-14', '09:30').toISOString()).toBe('2027-06-14T07:30:00.000Z');
  });

  it('handles the days the clocks change', () => {
    // 28 March 2027: 02:00 becomes 03:00; 31 October 2027: 03:00 becomes 02:00.
    expect(brusselsToInstant('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(brusselsToInstant('2027-03-28', '01:00').toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(brusselsToInstant('2027-10-31', '09:00').toISOString()).toBe('2027-10-31T08:00:00.000Z');
  });

  it('gives the Brussels calendar day and time of an instant, and says the day in each language', () => {
    const lateEvening = new Date('2027-06-14T22:30:00Z');
    expect([brusselsDate(lateEvening), brusselsTime(lateEvening)]).toEqual(['2027-06-15', '00:30']);
    const day = brusselsToInstant('2027-03-04', '10:00');
    expect(formatDay(day, 'nl')).toBe('donderdag 4 maart 2027');
    expect(formatDay(day, 'fr')).toBe('jeudi 4 mars 2027');
    expect(formatDay(day, 'en')).toBe('Thursday, 4 March 2027');
  });
});
