import { describe, expect, it } from 'vitest';
import { checkLesson, countRoutes, splitSentences } from '~/lessons/check';
import { readLessonModule } from '~/lessons/load.server';
import { formatProblem } from '~/lessons/problems';
import type { ResolvedLesson } from '~/lessons/resolved';
import { lessonVariants, type LessonTexts } from '~/lessons/schema';
import { fixture, fixtureFile, fixtureFileExists } from './helpers';

const check = (lesson: ResolvedLesson) => checkLesson(lesson, fixtureFileExists).map(formatProblem);
const variantsOf = (name: string) => readLessonModule(fixture(name)).variants;

describe('the fixture module with every step type', () => {
  const variants = variantsOf('every-step');

  it.each(lessonVariants)('passes the content check as %s', (variant) => {
    expect(check(variants[variant])).toEqual([]);
  });

  it('counts the routes from start to end (a loop adds none)', () => {
    expect(countRoutes(variants.standard.module)).toBe(3);
    expect(countRoutes(variants.roma.module)).toBe(3);
  });

  it('names the overlay text file for text missing from a step the overlay added', () => {
    const roma = variants.roma;
    const fr = structuredClone(roma.texts.fr!) as { welcome: LessonTexts };
    delete fr.welcome.alt;
    expect(check({ ...roma, texts: { ...roma.texts, fr } })).toEqual([
      `${fixtureFile('every-step/variants/roma/fr.json')}: step "welcome" → panels[0].altKey: no fr text for "welcome.alt"`,
    ]);
  });

  it('names a language file that is missing altogether, once', () => {
    const { en: _dropped, ...texts } = variants.standard.texts;
    expect(check({ ...variants.standard, texts })).toEqual([
      `${fixtureFile('every-step/locales/en.json')}: missing: every module has a text file per language (nl, fr, en)`,
    ]);
  });
});

describe('one broken fixture per rule, each failing with its file and step named', () => {
  it('a step no path reaches', () => {
    for (const variant of lessonVariants) {
      expect(check(variantsOf('unreachable-step')[variant])).toEqual([
        `${fixtureFile('unreachable-step/module.yaml')}: step "orphan" → id: unreachable step: no path from start "intro" leads here`,
      ]);
    }
  });

  it('a loop with no way out, and a step that can only run into it', () => {
    expect(check(variantsOf('loop-without-exit').standard)).toEqual([
      `${fixtureFile('loop-without-exit/module.yaml')}: step "into-loop" → next: never reaches an end step: every path from here runs into the loop with no way out round-a → round-b → round-a`,
      `${fixtureFile('loop-without-exit/module.yaml')}: step "round-a" → next: loop with no way out: round-a → round-b → round-a — no step in it leads to an end step`,
    ]);
  });

  it('a text key missing in one language', () => {
    expect(check(variantsOf('missing-text').standard)).toEqual([
      `${fixtureFile('missing-text/locales/fr.json')}: step "intro" → panels[0].textKey: no fr text for "intro"`,
    ]);
  });

  it('a video without captions in every language', () => {
    expect(check(variantsOf('video-captions').standard)).toEqual([
      `${fixtureFile('video-captions/module.yaml')}: step "film" → captions.fr: no fr captions: every video needs WebVTT captions in every language`,
    ]);
  });

  it('a roma option without a pictogram, and only in the roma variant', () => {
    const variants = variantsOf('roma-pictogram');
    expect(check(variants.standard)).toEqual([]);
    expect(check(variants.slechthorend)).toEqual([]);
    expect(check(variants.roma)).toEqual([
      `${fixtureFile('roma-pictogram/module.yaml')}: step "ask" → options[1].pictogram: the roma variant shows a pictogram with every option, category, item and person (set it here, or replace the list in variants/roma.yaml)`,
    ]);
  });

  it('a media file or pictogram that is not under public/', () => {
    expect(check(variantsOf('missing-file').standard)).toEqual([
      `${fixtureFile('missing-file/module.yaml')}: step "intro" → panels[0].illustration: file not found: public/modules/missing-file/nowhere.svg`,
      `${fixtureFile('missing-file/module.yaml')}: step "mood" → options[1].pictogram: file not found: public/pictograms/unicorn.svg`,
    ]);
  });

  it('Dutch sentences too long for girls, with the average and the longest named', () => {
    const intro =
      'Wanneer je samen met je vriendinnen op de bank zit en iemand een foto van jou laat zien die je liever niet had gezien, mag je altijd zeggen dat je dat niet fijn vindt';
    const outro =
      'Het is belangrijk om te onthouden dat je altijd bij een begeleider terecht kan als er iets gebeurt dat je niet begrijpt of waar je je ongemakkelijk bij voelt';
    const summary = 'Deze module gebruikt zinnen die veel te lang zijn voor meisjes van elf tot dertien jaar';
    // 34 + 29 + 16 words, three one-word summary lines and the help intro (4): 86 / 7 = 12.3.
    expect(check(variantsOf('long-sentences').standard)).toEqual([
      `${fixtureFile('long-sentences/locales/nl.json')}: step "intro" → panels[0].textKey: Dutch sentences average 12.3 words over 7 sentences (at most 12 for girls); longest: "${intro}" (34 words, step "intro" → panels[0].textKey); "${outro}" (29 words, step "outro" → panels[0].textKey); "${summary}" (16 words, summaryKey)`,
    ]);
  });

  it('a path that misses a must-visit step, and an end with no help step before it (decision 0010)', () => {
    for (const variant of lessonVariants) {
      expect(check(variantsOf('unsafe-paths')[variant])).toEqual([
        `${fixtureFile('unsafe-paths/module.yaml')}: mustVisit: a path misses "never-your-fault": advice [skip] → end`,
        `${fixtureFile('unsafe-paths/module.yaml')}: mustVisit: a path misses "help": advice [skip] → end`,
        `${fixtureFile('unsafe-paths/module.yaml')}: step "end" → type: no help step before this end on the path advice [skip] → end`,
      ]);
    }
    // Without the skip to the end, blocking is the path that misses the never-your-fault story.
    const lesson = variantsOf('unsafe-paths').standard;
    const steps = lesson.module.steps.map((step) => (step.type === 'choice' ? { ...step, skipNext: 'help' } : step));
    expect(check({ ...lesson, module: { ...lesson.module, steps } })).toEqual([
      `${fixtureFile('unsafe-paths/module.yaml')}: mustVisit: a path misses "never-your-fault": advice [block] → help → end`,
    ]);
  });

  it('lets professionals read longer sentences', () => {
    const lesson = variantsOf('long-sentences').standard;
    expect(check({ ...lesson, module: { ...lesson.module, audience: 'professionals' } })).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('splits on . ! ? … and line breaks, and counts words with a letter or digit', () => {
    expect(splitSentences('Hoi! Hoe gaat het?\nGoed… Ik ben 12 jaar – echt.')).toEqual([
      { text: 'Hoi', words: 1 },
      { text: 'Hoe gaat het', words: 3 },
      { text: 'Goed', words: 1 },
      { text: 'Ik ben 12 jaar – echt', words: 5 },
    ]);
    expect(splitSentences('🙂 ... ')).toEqual([]);
  });
});
