import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonModules, publicFileExists, readLessonModule, readLessonModules } from '~/lessons/load.server';
import { ContentError } from '~/lessons/problems';
import { fixture, fixtureFile, stepOf } from './helpers';

const everyStep = readLessonModule(fixture('every-step'));

/** A content root in a temporary folder: `{ 'a/module.yaml': '…' }`. */
function contentRoot(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'weerbaar-lessons-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const smallModule = (id: string) => `id: ${id}
audience: girls
order: 1
durationMinutes: 5
titleKey: title
summaryKey: summary
solo: allowed
mustVisit: [help]
start: intro
steps:
  - { id: intro, type: story, mode: panels, panels: [{ textKey: intro }], next: help }
  - { id: help, type: help, introKey: help, next: end }
  - { id: end, type: end, summaryKeys: [a, b, c] }
`;

/** The ContentError's lines, with the temporary root shown as `<root>`. */
function loadError(root: string): string[] {
  try {
    readLessonModules(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).message.split('\n').map((line) => line.replace(path.relative(process.cwd(), root), '<root>'));
  }
  throw new Error('expected a ContentError');
}

describe('readLessonModule', () => {
  it('resolves the base module and each variant overlay', () => {
    const { standard, slechthorend, roma } = everyStep.variants;
    expect(everyStep.id).toBe('every-step');
    expect(standard.module.start).toBe('intro');
    expect(roma.module.start).toBe('welcome');
    expect(roma.module.steps.map((step) => step.id)).not.toContain('think-again');
    expect(stepOf(roma.module, 'dilemma')).toMatchObject({ options: [{ next: 'advice' }, { next: 'advice' }, { next: 'quiz' }] });
    expect(stepOf(slechthorend.module, 'feeling')).toMatchObject({ next: 'captions-tip' });
    expect(stepOf(slechthorend.module, 'film')).toMatchObject({ signLanguage: '/modules/every-step/film-vgt.mp4' });
    expect(stepOf(slechthorend.module, 'intro')).not.toHaveProperty('guideKey');
    expect(stepOf(standard.module, 'intro')).toHaveProperty('guideKey', 'guide.intro');
  });

  it('merges overlay text over the base text, per language', () => {
    const { standard, roma } = everyStep.variants;
    expect(standard.texts.nl).toMatchObject({ dilemma: { prompt: 'Wat doe jij?', context: 'Iemand deelt een foto van Lina.' } });
    expect(roma.texts.nl).toMatchObject({ dilemma: { prompt: 'Wat doe jij nu?', context: 'Iemand deelt een foto van Lina.' } });
    expect(roma.texts.fr).toMatchObject({ welcome: { text: 'Bienvenue ! Contente que tu sois là.' } });
    expect(standard.texts.fr).not.toHaveProperty('welcome');
  });

  it('knows which file defines each step in a variant', () => {
    const { roma } = everyStep.variants;
    expect(roma.files.stepFiles).toMatchObject({
      intro: fixtureFile('every-step/module.yaml'),
      dilemma: fixtureFile('every-step/variants/roma.yaml'),
      welcome: fixtureFile('every-step/variants/roma.yaml'),
    });
    expect(roma.files.overlayTexts?.nl).toBe(fixtureFile('every-step/variants/roma/nl.json'));
  });

  it('names the file, step and field of a reference to an unknown step', () => {
    expect(() => readLessonModule(fixture('unknown-step'))).toThrow(
      new ContentError([{ file: fixtureFile('unknown-step/module.yaml'), stepId: 'choice-1', field: 'options[2].next', message: 'unknown step "nowhere"' }]),
    );
    expect(() => readLessonModule(fixture('unknown-step'))).toThrow(
      `${fixtureFile('unknown-step/module.yaml')}: step "choice-1" → options[2].next: unknown step "nowhere"`,
    );
  });

  it('blames the overlay for a step it removed that is still pointed to', () => {
    expect(() => readLessonModule(fixture('overlay-dangling'))).toThrow(
      `${fixtureFile('overlay-dangling/variants/roma.yaml')}: step "intro" → next: unknown step "middle"`,
    );
  });
});

describe('readLessonModules', () => {
  it('has no modules for a missing or empty content root', () => {
    expect(readLessonModules(path.join(tmpdir(), 'weerbaar-no-such-folder'))).toEqual([]);
    expect(readLessonModules(contentRoot({}))).toEqual([]);
  });

  it('collects every problem of every module into one error, one line each', () => {
    const root = contentRoot({
      'one/module.yaml': smallModule('one').replace('next: help', 'next: ending'),
      'two/module.yaml': 'id: two\naudience: girls\nid: three\n',
      'three/module.json': '{ "id": "three", ',
      'four/locales/nl.json': '{}',
    });
    const lines = loadError(root);
    expect(lines).toHaveLength(4);
    expect(lines).toContain('<root>/one/module.yaml: step "intro" → next: unknown step "ending"');
    expect(lines).toContain('<root>/two/module.yaml: line 3, column 1: Map keys must be unique');
    expect(lines.find((line) => line.startsWith('<root>/three/module.json: not valid JSON'))).toBeDefined();
    expect(lines).toContain('<root>/four: no module.yaml or module.yml or module.json in this module folder');
  });

  it('wants the id to match the folder, a known variant name, an order of its own, and valid text files', () => {
    const root = contentRoot({
      'one/module.yaml': smallModule('uno'),
      'two/module.yaml': smallModule('two').replace('order: 1', 'order: 2'),
      'two/variants/romaa.yaml': 'remove: []',
      'two/locales/nl.json': '{ "intro": 3 }',
    });
    expect(loadError(root)).toEqual([
      '<root>/one/module.yaml: id: "uno" must match the folder name "one"',
      '<root>/two/locales/nl.json: intro: must be a text or a group of texts',
      '<root>/two/variants/romaa.yaml: unknown variant "romaa" (known: slechthorend, roma)',
    ]);
    const sameOrder = contentRoot({ 'one/module.yaml': smallModule('one'), 'two/module.yaml': smallModule('two') });
    expect(loadError(sameOrder)).toEqual(['<root>/two/module.yaml: order: 1 is also the order of "one"']);
  });

  it('reads a module written in JSON, with a text-only variant', () => {
    const json = JSON.stringify({
      id: 'json-module',
      audience: 'professionals',
      order: 3,
      durationMinutes: 5,
      titleKey: 'title',
      summaryKey: 'summary',
      start: 'end',
      steps: [{ id: 'end', type: 'end', summaryKeys: ['a', 'b', 'c'] }],
    });
    const root = contentRoot({ 'json-module/module.json': json, 'json-module/variants/roma/nl.json': '{ "title": "Makkelijk" }' });
    const [set] = readLessonModules(root);
    expect(set?.variants.roma.module).toBe(set?.variants.standard.module);
    expect(set?.variants.roma.texts.nl).toEqual({ title: 'Makkelijk' });
    expect(set?.variants.standard.texts.nl).toBeUndefined();
  });
});

describe('loadLessonModules', () => {
  it('loads a content root once, and sorts the modules by order', () => {
    const root = contentRoot({
      'late/module.yaml': smallModule('late').replace('order: 1', 'order: 9'),
      'early/module.yaml': smallModule('early').replace('order: 1', 'order: 2'),
    });
    const library = loadLessonModules(root);
    expect(library.modules.map((set) => set.id)).toEqual(['early', 'late']);
    expect(loadLessonModules(root)).toBe(library);
    expect(library.lesson('late', 'roma')?.variant).toBe('roma');
    expect(library.lesson('nope', 'standard')).toBeUndefined();
  });
});

describe('publicFileExists', () => {
  it('finds a file under the public folder by its URL path, and never outside it', () => {
    const root = contentRoot({ 'pictograms/smile.svg': '<svg/>' });
    const exists = publicFileExists(root);
    expect(exists('/pictograms/smile.svg')).toBe(true);
    expect(exists('/pictograms/frown.svg')).toBe(false);
    expect(exists('/../' + path.basename(root) + '/pictograms/smile.svg')).toBe(false);
  });
});
