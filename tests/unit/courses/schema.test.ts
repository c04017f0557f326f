import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCourse } from '~/courses/check';
import { nextStepId } from '~/courses/flow';
import { defaultCourseRoot, readCourses } from '~/courses/load.server';
import { courseSchema, defaultPassMark, type CourseInput } from '~/courses/schema';
import { formatProblem } from '~/lessons/problems';

// The course content format (decision 0016): what the schema accepts and refuses, how a
// lesson flows, and what the content check names.

const base = (): CourseInput => ({
  id: 'demo-course',
  version: 1,
  order: 1,
  titleKey: 'title',
  summaryKey: 'summary',
  audience: 'all',
  format: 'self-paced',
  minutes: 30,
  languages: ['nl', 'fr', 'en'],
  earnsKey: 'earns',
  completion: { quiz: 'final' },
  lessons: [
    {
      id: 'one',
      titleKey: 'l1',
      steps: [
        { id: 'intro', type: 'text', sections: [{ headingKey: 'h', bodyKey: 'b' }] },
        {
          id: 'case',
          type: 'case',
          situationKey: 's',
          promptKey: 'p',
          options: [
            { id: 'a', labelKey: 'a', feedbackKey: 'fa', next: 'aside' },
            { id: 'b', labelKey: 'b', feedbackKey: 'fb' },
          ],
        },
        { id: 'after', type: 'video', transcriptKey: 't', next: 'handout' },
        { id: 'aside', type: 'text', sections: [{ bodyKey: 'x' }], next: 'handout' },
        { id: 'handout', type: 'material', titleKey: 'm', pdf: { titleKey: 'm', sections: [{ bodyKey: 'b' }] } },
      ],
    },
    {
      id: 'two',
      titleKey: 'l2',
      steps: [
        {
          id: 'final',
          type: 'quiz',
          questions: [
            {
              id: 'q1',
              questionKey: 'q',
              feedbackKey: 'f',
              options: [
                { id: 'y', labelKey: 'y', correct: true },
                { id: 'n', labelKey: 'n', correct: false },
              ],
            },
            {
              id: 'q2',
              multiple: true,
              questionKey: 'q',
              feedbackKey: 'f',
              options: [
                { id: 'y', labelKey: 'y', correct: true },
                { id: 'z', labelKey: 'z', correct: true },
                { id: 'n', labelKey: 'n', correct: false },
              ],
            },
          ],
        },
      ],
    },
  ],
});

const messages = (input: unknown) => {
  const parsed = courseSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the course schema', () => {
  it('accepts a course with every step type, and fills in the defaults', () => {
    const course = courseSchema.parse(base());
    const quiz = course.lessons[1]!.steps[0]!;
    expect(quiz.type === 'quiz' && quiz.passMark).toBe(defaultPassMark);
    expect(course.completion.attendanceRequired).toBe(false);
    expect(course.unlocks).toEqual([]);
    expect(course.certificate).toEqual({});
  });

  it('refuses unknown fields, so a typo fails', () => {
    const input = base() as any;
    input.lessons[0].steps[0].nxt = 'case';
    expect(messages(input).join('\n')).toMatch(/Unrecognized key.*nxt/);
  });

  it('refuses a next that leaves the lesson, and a step id used twice in the course', () => {
    const input = base() as any;
    input.lessons[0].steps[0].next = 'final';
    input.lessons[0].steps[3].id = 'intro';
    const found = messages(input).join('\n');
    expect(found).toMatch(/lessons\.0\.steps\.0\.next: unknown step "final"/);
    expect(found).toMatch(/step id "intro" is used twice/);
  });

  it('needs exactly one correct option for a one-answer question, at least one for several', () => {
    const input = base() as any;
    input.lessons[1].steps[0].questions[0].options[1].correct = true;
    input.lessons[1].steps[0].questions[1].options.forEach((o: any) => (o.correct = false));
    const found = messages(input).join('\n');
    expect(found).toMatch(/exactly one correct option, found 2/);
    expect(found).toMatch(/at least one correct option/);
  });

  it('needs the completion quiz to be the last step of the last lesson', () => {
    const input = base() as any;
    input.completion.quiz = 'intro';
    expect(messages(input).join('\n')).toMatch(/completion\.quiz: "intro" must be a quiz and the last step of the last lesson/);
    input.completion.quiz = 'nowhere';
    expect(messages(input).join('\n')).toMatch(/unknown step "nowhere"/);
  });

  it('takes a material as a PDF or a file, never both or neither; a file stays in the course folder', () => {
    const input = base() as any;
    input.lessons[0].steps[4].file = 'materials/checklist.pdf';
    expect(messages(input).join('\n')).toMatch(/exactly one/);
    delete input.lessons[0].steps[4].pdf;
    expect(messages(input)).toEqual([]);
    input.lessons[0].steps[4].file = '../../secrets.pdf';
    expect(messages(input).join('\n')).toMatch(/must be a file in the course folder/);
  });

  it('needs captions with a video, and media on this site only', () => {
    const input = base() as any;
    input.lessons[0].steps[2].src = '/courses/demo-course/intro.mp4';
    expect(messages(input).join('\n')).toMatch(/a video needs captions/);
    input.lessons[0].steps[2].src = 'https://example.org/intro.mp4';
    expect(messages(input).join('\n')).toMatch(/must be a path on this site/);
  });

  it('leads a lesson in order, along a case option, and ends it after the last step', () => {
    const course = courseSchema.parse(base());
    const lesson = course.lessons[0]!;
    expect(nextStepId(lesson, 'intro')).toBe('case');
    expect(nextStepId(lesson, 'case', 'a')).toBe('aside');
    expect(nextStepId(lesson, 'case', 'b')).toBe('after');
    expect(nextStepId(lesson, 'after')).toBe('handout');
    expect(nextStepId(lesson, 'handout')).toBeUndefined();
  });
});

describe('the content check', () => {
  const texts = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, `text ${k}`]));
  const allKeys = ['title', 'summary', 'earns', 'l1', 'l2', 'h', 'b', 's', 'p', 'a', 'b', 'fa', 'fb', 't', 'x', 'm', 'q', 'f', 'y', 'z', 'n'];
  const files = { structure: 'content/courses/demo-course/course.yaml', texts: { nl: 'nl.json', fr: 'fr.json', en: 'en.json' } };

  it('passes a complete course, and names a missing text, an unreachable step and a missing material file', () => {
    const course = courseSchema.parse(base());
    expect(
      checkCourse(
        { course, texts: { nl: texts(allKeys), fr: texts(allKeys), en: texts(allKeys) }, files },
        () => true,
        () => true,
      ),
    ).toEqual([]);

    const broken = base() as any;
    broken.lessons[0].steps[1].options[1].next = 'aside';
    broken.lessons[0].steps[4] = { id: 'handout', type: 'material', titleKey: 'm', file: 'materials/list.pdf' };
    const problems = checkCourse(
      { course: courseSchema.parse(broken), texts: { nl: texts(allKeys), fr: texts(allKeys.filter((k) => k !== 'fb')), en: texts(allKeys) }, files },
      () => false,
      () => true,
    ).map(formatProblem);
    expect(problems).toContain(
      'content/courses/demo-course/course.yaml: step "after" → id: unreachable step: no path from the start of lesson "one" leads here',
    );
    expect(problems).toContain('content/courses/demo-course/course.yaml: step "handout" → file: no file materials/list.pdf in the course folder');
    expect(problems).toContain('fr.json: step "case" → fb: text missing');
  });

  it('names a loop with no way out', () => {
    const looping = base() as any;
    looping.lessons[0].steps[3].next = 'case';
    looping.lessons[0].steps[1].options[1].next = 'aside';
    const problems = checkCourse(
      { course: courseSchema.parse(looping), texts: { nl: texts(allKeys), fr: texts(allKeys), en: texts(allKeys) }, files },
      () => true,
      () => true,
    ).map(formatProblem);
    expect(problems.join('\n')).toMatch(/step "case" → next: never reaches the end of lesson "one"/);
  });
});

describe('the course folders', () => {
  it('load and pass the content check (every course in content/courses)', () => {
    const courses = readCourses(defaultCourseRoot());
    expect(courses.map((c) => c.course.id)).toContain('weerbaar-sessies-begeleiden');
  });

  it('name the file, the step and the field of a schema problem', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'weerbaar-courses-'));
    mkdirSync(path.join(root, 'broken', 'locales'), { recursive: true });
    const input = base() as any;
    input.id = 'broken';
    input.lessons[0].steps[1].options[0].next = 'nowhere';
    writeFileSync(path.join(root, 'broken', 'course.json'), JSON.stringify(input));
    expect(() => readCourses(root)).toThrow(/broken\/course\.json: step "case" → options\[0\]\.next: unknown step "nowhere"/);
  });
});
