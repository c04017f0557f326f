import { describe, expect, it } from 'vitest';
import { formatProblem, problemsFromIssues } from '~/lessons/problems';
import { lessonModuleSchema, lessonOverlaySchema, lessonVariants, stepTypes, type LessonModuleInput } from '~/lessons/schema';

const end = { id: 'end', type: 'end', summaryKeys: ['end.one', 'end.two', 'end.three'] } as const;

function moduleWith(steps: unknown[], extra: Partial<Record<string, unknown>> = {}): LessonModuleInput {
  return {
    id: 'test-module',
    // The girls' safety fields (solo, mustVisit, a help step) have their own test below.
    audience: 'professionals',
    order: 1,
    durationMinutes: 10,
    titleKey: 'title',
    summaryKey: 'summary',
    start: (steps[0] as { id: string }).id,
    steps,
    ...extra,
  } as LessonModuleInput;
}

/** The problems of a module, as the loader would print them for `module.yaml`. */
function problemsOf(data: unknown): string[] {
  const parsed = lessonModuleSchema.safeParse(data);
  if (parsed.success) return [];
  return problemsFromIssues(parsed.error.issues, data).map((problem) => formatProblem({ file: 'module.yaml', ...problem }));
}

const story = (id: string, next: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'story',
  mode: 'panels',
  panels: [{ textKey: `${id}.text` }],
  next,
  ...extra,
});
const choice = (id: string, nexts: string[], extra: Record<string, unknown> = {}) => ({
  id,
  type: 'choice',
  framing: 'squad-advice',
  skipNext: nexts[0],
  ...extra,
  promptKey: `${id}.prompt`,
  options: nexts.map((next, i) => ({ id: `o${i}`, labelKey: `${id}.o${i}`, feedbackKey: `${id}.f${i}`, next })),
});

describe('lessonModuleSchema', () => {
  it('accepts a small module and fills the defaults', () => {
    const parsed = lessonModuleSchema.parse(
      moduleWith([
        story('intro', 'quiz'),
        {
          id: 'quiz',
          type: 'quiz',
          questionKey: 'q',
          options: [
            { id: 'a', labelKey: 'a', correct: true },
            { id: 'b', labelKey: 'b', correct: false },
          ],
          explanationKey: 'e',
          next: 'think',
        },
        { id: 'think', type: 'reflection', questionKey: 'r', next: 'end' },
        end,
      ]),
    );
    expect(parsed.allowBack).toBe(true);
    expect(parsed.steps[1]).toMatchObject({ type: 'quiz', multiple: false });
    expect(parsed.steps[2]).toMatchObject({ type: 'reflection', privateAnswer: true });
  });

  it('knows the eleven step types and three variants of the decision record', () => {
    expect([...stepTypes].sort()).toEqual(['body-map', 'choice', 'end', 'help', 'offline', 'poll', 'quiz', 'reflection', 'sort', 'story', 'video'].sort());
    expect(lessonVariants).toEqual(['standard', 'slechthorend', 'roma']);
  });

  it('names the step and field of an unknown next step', () => {
    expect(problemsOf(moduleWith([choice('choice-1', ['end', 'end', 'nowhere']), end]))).toEqual([
      'module.yaml: step "choice-1" → options[2].next: unknown step "nowhere"',
    ]);
  });

  it('refuses ids that are not kebab-case, and a duplicate step id', () => {
    expect(problemsOf(moduleWith([story('intro', 'Outro_1'), story('Outro_1', 'end'), end]))).toEqual([
      'module.yaml: step "intro" → next: must be kebab-case (a-z, 0-9, single hyphens)',
      'module.yaml: step "Outro_1" → id: must be kebab-case (a-z, 0-9, single hyphens)',
    ]);
    expect(problemsOf(moduleWith([story('intro', 'end'), story('intro', 'end'), end]))).toEqual([
      'module.yaml: step "intro" → id: step id "intro" is used twice',
    ]);
  });

  it('requires next on every step but end, and refuses it on end', () => {
    const { next: _dropped, ...noNext } = story('intro', 'end');
    expect(problemsOf(moduleWith([noNext, end]))).toEqual(['module.yaml: step "intro" → next: Required']);
    expect(problemsOf(moduleWith([story('intro', 'end'), { ...end, next: 'intro' }]))).toEqual([
      'module.yaml: step "end": Unrecognized key(s) in object: \'next\'',
    ]);
  });

  it('refuses an unknown step type and a misspelt field', () => {
    expect(problemsOf(moduleWith([{ ...story('intro', 'end'), type: 'comic' }, end]))[0]).toMatch(
      /^module\.yaml: step "intro" → type: Invalid discriminator value/,
    );
    expect(problemsOf(moduleWith([{ ...story('intro', 'end'), nxt: 'end' }, end]))).toEqual([
      'module.yaml: step "intro": Unrecognized key(s) in object: \'nxt\'',
    ]);
  });

  it('wants option ids unique within a step', () => {
    const twice = choice('ask', ['end', 'end']);
    twice.options[1]!.id = 'o0';
    expect(problemsOf(moduleWith([twice, end]))).toEqual(['module.yaml: step "ask" → options[1].id: "o0" is used twice in options']);
  });

  it('wants every choice to say where a skip leads, squad advice too, and checks that step (decisions 0009, 0010)', () => {
    for (const framing of ['self', 'squad-advice']) {
      expect(problemsOf(moduleWith([choice('ask', ['end', 'end'], { framing, skipNext: undefined }), end]))).toEqual([
        'module.yaml: step "ask" → skipNext: Required',
      ]);
    }
    expect(problemsOf(moduleWith([choice('ask', ['end', 'end'], { framing: 'self', skipNext: 'nowhere' }), end]))).toEqual([
      'module.yaml: step "ask" → skipNext: unknown step "nowhere"',
    ]);
    expect(problemsOf(moduleWith([choice('ask', ['end', 'end'], { framing: 'self', skipNext: 'end' }), end]))).toEqual([]);
    // Only a choice has skipNext: a poll's skip follows its own next.
    expect(
      problemsOf(
        moduleWith([
          {
            id: 'p',
            type: 'poll',
            kind: 'options',
            questionKey: 'q',
            options: [
              { id: 'a', labelKey: 'a' },
              { id: 'b', labelKey: 'b' },
            ],
            next: 'end',
            skipNext: 'end',
          },
          end,
        ]),
      ),
    ).toEqual(['module.yaml: step "p": Unrecognized key(s) in object: \'skipNext\'']);
  });

  it("wants a girls' module to say whether it may be played alone and which steps every path passes, the help step among them (decision 0010)", () => {
    const help = { id: 'help', type: 'help', introKey: 'help.intro', next: 'end' };
    const girls = { audience: 'girls' };
    expect(problemsOf(moduleWith([story('intro', 'help'), help, end], girls))).toEqual([
      'module.yaml: solo: required for girls: "allowed" (may be played alone at /play) or "facilitated-only"',
      'module.yaml: mustVisit: required for girls: the steps every path must pass (at least the help step)',
    ]);
    expect(problemsOf(moduleWith([story('intro', 'help'), help, end], { ...girls, solo: 'alone' }))[0]).toMatch(/^module.yaml: solo: Invalid enum value/);
    expect(problemsOf(moduleWith([story('intro', 'help'), help, end], { ...girls, solo: 'allowed', mustVisit: ['intro', 'gone'] }))).toEqual([
      'module.yaml: mustVisit[1]: unknown step "gone"',
      'module.yaml: mustVisit: must include the help step (help)',
    ]);
    expect(problemsOf(moduleWith([story('intro', 'end'), end], { ...girls, solo: 'allowed', mustVisit: ['intro'] }))).toEqual([
      'module.yaml: mustVisit: must include the help step (the module has none: add one before its end)',
    ]);
    expect(problemsOf(moduleWith([story('intro', 'help'), help, end], { ...girls, solo: 'facilitated-only', mustVisit: ['help'] }))).toEqual([]);
  });

  it('wants every sort card to name the category it belongs to, and an explanation for the step', () => {
    const sort = {
      id: 'sort',
      type: 'sort',
      promptKey: 'p',
      categories: [
        { id: 'ok', labelKey: 'ok' },
        { id: 'not-ok', labelKey: 'no' },
      ],
      items: [
        { id: 'a', labelKey: 'a', category: 'ok' },
        { id: 'b', labelKey: 'b', category: 'maybe', explanationKey: 'why.b' },
      ],
      explanationKey: 'e',
      next: 'end',
    };
    expect(problemsOf(moduleWith([sort, end]))).toEqual(['module.yaml: step "sort" → items[1].category: unknown category "maybe"']);
    const { explanationKey: _none, ...withoutExplanation } = sort;
    expect(problemsOf(moduleWith([withoutExplanation, end]))).toContain('module.yaml: step "sort" → explanationKey: Required');
  });

  it('checks the start step and that there is an end', () => {
    expect(problemsOf(moduleWith([story('intro', 'end'), end], { start: 'begin' }))).toEqual(['module.yaml: start: unknown step "begin"']);
    expect(problemsOf(moduleWith([story('intro', 'intro')]))).toEqual(['module.yaml: steps: a module needs at least one step of type "end"']);
  });

  it('wants exactly one correct option in a one-answer quiz', () => {
    const quiz = {
      id: 'quiz',
      type: 'quiz',
      questionKey: 'q',
      options: [
        { id: 'a', labelKey: 'a', correct: true },
        { id: 'b', labelKey: 'b', correct: true },
      ],
      explanationKey: 'e',
      next: 'end',
    };
    expect(problemsOf(moduleWith([quiz, end]))).toEqual([
      'module.yaml: step "quiz" → options: a quiz with one answer needs exactly one correct option, found 2',
    ]);
    expect(problemsOf(moduleWith([{ ...quiz, multiple: true }, end]))).toEqual([]);
  });

  it('checks a chat story: its characters, times and the mode', () => {
    const chat = {
      id: 'chat',
      type: 'story',
      mode: 'chat',
      characters: [{ id: 'lina', nameKey: 'lina' }],
      messages: [
        { from: 'noor', time: '16:02', textKey: 'm1' },
        { from: 'lina', time: '25:00', textKey: 'm2' },
      ],
      next: 'end',
    };
    // Every problem at once, not only the first.
    expect(problemsOf(moduleWith([chat, end]))).toEqual([
      'module.yaml: step "chat" → messages[1].time: must be a time like "14:05"',
      'module.yaml: step "chat" → messages[0].from: unknown character "noor"',
    ]);
    chat.messages[1]!.time = '16:03';
    expect(problemsOf(moduleWith([chat, end]))).toEqual(['module.yaml: step "chat" → messages[0].from: unknown character "noor"']);
    expect(problemsOf(moduleWith([{ ...story('intro', 'end'), mode: 'chat' }, end]))).toEqual([
      'module.yaml: step "intro" → characters: required when mode is "chat"',
      'module.yaml: step "intro" → messages: required when mode is "chat"',
      'module.yaml: step "intro" → mode: panels belong to mode "panels"',
    ]);
  });

  it('wants a text alternative with every illustration', () => {
    const withPicture = story('intro', 'end', { panels: [{ textKey: 't', illustration: '/modules/x/a.svg' }] });
    expect(problemsOf(moduleWith([withPicture, end]))).toEqual(['module.yaml: step "intro" → panels[0].altKey: required with an illustration']);
  });

  it('takes media from this site only', () => {
    const film = (src: string) => ({ id: 'film', type: 'video', src, captions: { nl: '/c.nl.vtt' }, transcriptKey: 't', next: 'end' });
    expect(problemsOf(moduleWith([film('/modules/x/film.mp4'), end]))).toEqual([]);
    expect(problemsOf(moduleWith([film('https://video.example/film.mp4'), end]))).toEqual([
      'module.yaml: step "film" → src: must be a path on this site, like "/modules/<id>/intro.svg"',
      'module.yaml: step "film" → src: must not contain ".." or "//"',
    ]);
    expect(problemsOf(moduleWith([film('/modules/../../etc/passwd'), end]))).toEqual(['module.yaml: step "film" → src: must not contain ".." or "//"']);
    expect(problemsOf(moduleWith([{ ...film('/f.mp4'), captions: { de: '/c.de.vtt' } }, end]))[0]).toMatch(/step "film" → captions\.de: Invalid enum value/);
  });
});

describe('lessonOverlaySchema', () => {
  it('accepts remove, replace, add and start', () => {
    const overlay = { start: 'welcome', remove: ['detour'], replace: { intro: { next: 'welcome' } }, add: [story('welcome', 'intro')] };
    expect(lessonOverlaySchema.parse(overlay)).toMatchObject(overlay);
  });

  it('refuses to change a step id, an unknown part, and a bad added step', () => {
    const problems = (data: unknown) => {
      const parsed = lessonOverlaySchema.safeParse(data);
      return parsed.success ? [] : problemsFromIssues(parsed.error.issues, data).map((problem) => formatProblem({ file: 'roma.yaml', ...problem }));
    };
    expect(problems({ replace: { intro: { id: 'start' } } })).toEqual([
      'roma.yaml: step "intro" → replace: a step id cannot be replaced: remove the step and add a new one',
    ]);
    expect(problems({ rename: {} })).toEqual(["roma.yaml: Unrecognized key(s) in object: 'rename'"]);
    expect(problems({ add: [{ ...story('welcome', 'intro'), panels: [] }] })).toEqual([
      'roma.yaml: step "welcome" → add[0].panels: Array must contain at least 1 element(s)',
    ]);
  });
});
