import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, encodeCrockford, formatCertificateCode, normaliseCertificateCode } from '~/courses/certificate-code';
import { addMonths, newCertificateCode } from '~/courses/completion.server';
import { quizAnswersFromForm, scoreQuiz } from '~/courses/quiz';
import { statusOf } from '~/courses/certificates.server';
import { courseSchema } from '~/courses/schema';

describe('certificate codes', () => {
  it('encode 80 bits as 16 Crockford base32 characters, most significant bits first', () => {
    expect(encodeCrockford(new Uint8Array(10))).toBe('0000000000000000');
    expect(encodeCrockford(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    // 0x00…01 → the last 5-bit group is 00001.
    expect(encodeCrockford(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('0000000000000001');
    // 0x80 00… → the first group is 10000 = 16 = "G".
    expect(encodeCrockford(Uint8Array.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('G000000000000000');
  });

  it('are drawn fresh every time, from the whole alphabet, shown XXXX-XXXX-XXXX-XXXX', () => {
    const codes = Array.from({ length: 2000 }, () => newCertificateCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const seen = new Set(codes.join(''));
    expect([...CROCKFORD_ALPHABET].filter((c) => !seen.has(c))).toEqual([]);
    expect(formatCertificateCode(codes[0]!)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('are read forgivingly: case, spaces, hyphens, O for 0 and I or L for 1', () => {
    expect(normaliseCertificateCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normaliseCertificateCode(' ABCD EFGH JKMN PQRO ')).toBe('ABCDEFGHJKMNPQR0');
    expect(normaliseCertificateCode('1111-llll-IIII-0000')).toBe('1111111111110000');
    expect(normaliseCertificateCode('ABCD-EFGH-JKMN-PQRU')).toBeUndefined();
    expect(normaliseCertificateCode('ABCD-EFGH-JKMN')).toBeUndefined();
    expect(normaliseCertificateCode('ABCD-EFGH-JKMN-PQRS-T')).toBeUndefined();
  });
});

describe('quiz scoring', () => {
  const quiz = courseSchema.parse({
    id: 'c',
    version: 1,
    order: 1,
    titleKey: 't',
    summaryKey: 's',
    audience: 'all',
    format: 'self-paced',
    minutes: 30,
    languages: ['nl'],
    earnsKey: 'e',
    completion: { quiz: 'quiz' },
    lessons: [
      {
        id: 'l',
        titleKey: 'l',
        steps: [
          {
            id: 'quiz',
            type: 'quiz',
            questions: [
              {
                id: 'one',
                questionKey: 'q',
                feedbackKey: 'f',
                options: [
                  { id: 'a', labelKey: 'a', correct: true },
                  { id: 'b', labelKey: 'b', correct: false },
                ],
              },
              {
                id: 'many',
                multiple: true,
                questionKey: 'q',
                feedbackKey: 'f',
                options: [
                  { id: 'a', labelKey: 'a', correct: true },
                  { id: 'b', labelKey: 'b', correct: true },
                  { id: 'c', labelKey: 'c', correct: false },
                ],
              },
              {
                id: 'three',
                questionKey: 'q',
                feedbackKey: 'f',
                options: [
                  { id: 'a', labelKey: 'a', correct: false },
                  { id: 'b', labelKey: 'b', correct: true },
                ],
              },
              {
                id: 'four',
                questionKey: 'q',
                feedbackKey: 'f',
                options: [
                  { id: 'a', labelKey: 'a', correct: false },
                  { id: 'b', labelKey: 'b', correct: true },
                ],
              },
              {
                id: 'five',
                questionKey: 'q',
                feedbackKey: 'f',
                options: [
                  { id: 'a', labelKey: 'a', correct: false },
                  { id: 'b', labelKey: 'b', correct: true },
                ],
              },
            ],
          },
        ],
      },
    ],
  }).lessons[0]!.steps[0]! as Extract<ReturnType<typeof courseSchema.parse>['lessons'][number]['steps'][number], { type: 'quiz' }>;

  it('counts a question right only with exactly its correct options', () => {
    const result = scoreQuiz(quiz, { one: ['a'], many: ['a'], three: ['b'], four: ['b'], five: ['b'] });
    expect(result.questions.map((q) => q.right)).toEqual([true, false, true, true, true]);
    expect(scoreQuiz(quiz, { many: ['a', 'b', 'c'] }).questions[1]!.right).toBe(false);
    expect(scoreQuiz(quiz, { many: ['b', 'a'] }).questions[1]!.right).toBe(true);
  });

  it('passes at the pass mark (80 %: four of five) and not below; unknown options count for nothing', () => {
    const four = scoreQuiz(quiz, { one: ['a'], many: ['a'], three: ['b'], four: ['b'], five: ['b'] });
    expect([four.correct, four.total, four.score, four.passed]).toEqual([4, 5, 80, true]);
    const three = scoreQuiz(quiz, { one: ['b'], many: ['a'], three: ['b'], four: ['b'], five: ['b'] });
    expect([three.score, three.passed]).toEqual([60, false]);
    const none = scoreQuiz(quiz, { one: ['zzz'] });
    expect([none.score, none.passed, none.questions[0]!.chosen]).toEqual([0, false, []]);
  });

  it('reads the form: one option for a one-answer question whatever is posted, several where allowed', () => {
    expect(quizAnswersFromForm(quiz, { 'q.one': ['a', 'b'], 'q.many': ['a', 'b'], 'q.three': 'b' })).toEqual({
      one: ['a'],
      many: ['a', 'b'],
      three: ['b'],
      four: [],
      five: [],
    });
  });
});

describe('certificate status and expiry', () => {
  it('is expired from the expiry date on, revoked whatever the date', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    expect(statusOf({ status: 'valid', expires_at: null }, now)).toBe('valid');
    expect(statusOf({ status: 'valid', expires_at: new Date('2027-01-02T00:00:00Z') }, now)).toBe('valid');
    expect(statusOf({ status: 'valid', expires_at: new Date('2026-12-31T00:00:00Z') }, now)).toBe('expired');
    expect(statusOf({ status: 'revoked', expires_at: null }, now)).toBe('revoked');
  });

  it('adds months to the same day, or the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-12-02T10:00:00Z'), 36).toISOString()).toBe('2029-12-02T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });
});
