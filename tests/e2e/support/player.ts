import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page, expect } from '@playwright/test';
// The app's own lists, so a new variant or language reaches these tests by itself.
import { supportedLanguages, type Language } from '~/i18n/config';
import { bodyMapIcons, lessonVariants, type LessonVariant } from '~/lessons/schema';
import { axeViolations } from './axe';

/**
 * Playing a lesson module in the browser as a girl would: start it from /play, then answer
 * every screen by what it is (`data-step-type`), generically, until the end screen. The
 * expected texts come from the same files the translators edit (common.json and the
 * module's locale files, with the variant's overlay text deep-merged over them), and the
 * expected route from the lesson as the server resolved it (the player's loader data).
 */

export { bodyMapIcons, lessonVariants as variants, supportedLanguages as languages, type Language };
export type Variant = LessonVariant;

/** A step of the resolved lesson, as far as these tests read it. */
export interface Step {
  id: string;
  type: string;
  mode?: string;
  next?: string;
  skipNext?: string;
  multiple?: boolean;
  promptKey?: string;
  questionKey?: string;
  titleKey?: string;
  introKey?: string;
  explanationKey?: string;
  panels?: { textKey: string }[];
  messages?: { textKey: string }[];
  options?: { id: string; labelKey: string; feedbackKey?: string; next?: string; correct?: boolean; pictogram?: string }[];
  categories?: { id: string; labelKey: string }[];
  items?: { id: string; labelKey: string; category: string; explanationKey?: string }[];
  persons?: { id: string; labelKey: string }[];
  zones?: { id: string; labelKey: string }[];
  summaryKeys?: string[];
}

export interface LessonData {
  participantId: string;
  variant: string;
  language: string;
  module: { id: string; start: string; titleKey: string; steps: Step[] };
  events: { type: string; step?: string; answer?: unknown }[];
}

type Json = { [key: string]: Json } | string;

const root = process.cwd();
const files = new Map<string, Json>();
function readJson(file: string): Json {
  if (!files.has(file)) files.set(file, JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Json);
  return files.get(file)!;
}

function lookup(tree: Json, key: string): string | undefined {
  let node: Json | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

function deepMerge(base: Json, over: Json): Json {
  if (typeof base !== 'object' || typeof over !== 'object') return over;
  const merged: { [key: string]: Json } = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = key in base ? deepMerge(base[key]!, value) : value;
  return merged;
}

/** A UI string from app/i18n/locales/<lng>/common.json, e.g. ui('fr', 'player.next'). */
export function ui(language: string, key: string): string {
  const value = lookup(readJson(`app/i18n/locales/${language}/common.json`), key);
  if (value === undefined) throw new Error(`common.json (${language}) has no ${key}`);
  return value;
}

/** A module's text in a language and variant: locales/<lng>.json with variants/<variant>/<lng>.json over it. */
export function moduleTexts(moduleId: string, variant: string, language: string): (key: string) => string {
  const folder = `content/modules/${moduleId}`;
  let texts = readJson(`${folder}/locales/${language}.json`);
  if (variant !== 'standard') {
    try {
      texts = deepMerge(texts, readJson(`${folder}/variants/${variant}/${language}.json`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return (key) => {
    const value = lookup(texts, key);
    if (value === undefined) throw new Error(`${folder} (${variant}, ${language}) has no text ${key}`);
    return value;
  };
}

const participantUrl = /\/play\/p\/([A-Za-z0-9_-]{22})(?:[?#]|$)/;

/** The participant id in the page's address (the link a girl can open on another tablet). */
export function participantIdOf(page: Page): string {
  const match = participantUrl.exec(page.url());
  if (!match) throw new Error(`not a participant link: ${page.url()}`);
  return match[1]!;
}

/**
 * Opens /play (in the browser's own language), picks the variant and the language on the
 * module's card and presses "Start <title>". Returns the participant id from the address.
 */
export async function startModule(page: Page, options: { moduleId: string; variant: Variant; language: Language; pageLanguage: Language }) {
  const { moduleId, variant, language, pageLanguage } = options;
  await page.goto('/play');
  await expect(page.locator('html')).toHaveAttribute('lang', pageLanguage);
  const title = moduleTexts(moduleId, 'standard', pageLanguage)('title');
  const card = page.locator('.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  // Girls never choose a variant at /play (decision 0010): the card posts "standard". A test of
  // another variant posts the same form with its variant, from the page's own cookies, and
  // opens where it leads (changing the hidden field in the page raced React's hydration).
  if (variant !== 'standard') {
    const origin = new URL(page.url()).origin;
    const response = await page.request.post('/play/start', {
      form: { module: moduleId, variant, language },
      headers: { Origin: origin, 'Accept-Language': pageLanguage },
      maxRedirects: 0,
    });
    expect(response.status(), `start ${moduleId} × ${variant}`).toBe(302);
    await page.goto(response.headers().location!);
    await expect(page).toHaveURL(participantUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    return participantIdOf(page);
  }
  await card.getByRole('radio', { name: ui(pageLanguage, `language.names.${language}`), exact: true }).check();
  await card.getByRole('button', { name: ui(pageLanguage, 'play.start').replace('{{title}}', title), exact: true }).click();
  await expect(page).toHaveURL(participantUrl);
  // The player speaks the participant's language, whatever the browser prefers.
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  return participantIdOf(page);
}

/**
 * A facilitator's preview (a module she prepares or runs with a group; facilitated-only
 * modules start only this way or in a session): /facilitate/preview, the module's card,
 * variant and language, "Voorbeeld van <title> bekijken". The page must be signed in.
 */
export async function startPreview(page: Page, options: { moduleId: string; variant: Variant; language: Language; pageLanguage: Language }) {
  const { moduleId, variant, language, pageLanguage } = options;
  await page.goto('/facilitate/preview');
  await expect(page.locator('html')).toHaveAttribute('lang', pageLanguage);
  const title = moduleTexts(moduleId, 'standard', pageLanguage)('title');
  const card = page.locator('.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  await card.getByRole('radio', { name: ui(pageLanguage, `play.variants.${variant}`), exact: true }).check();
  await card.getByRole('radio', { name: ui(pageLanguage, `language.names.${language}`), exact: true }).check();
  await card.getByRole('button', { name: ui(pageLanguage, 'play.startPreview').replace('{{title}}', title), exact: true }).click();
  await expect(page).toHaveURL(participantUrl);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('.player__preview')).toHaveText(ui(language, 'player.preview'));
  return participantIdOf(page);
}

/** With JavaScript: wait until React runs the player (answers then go through the progress queue). */
export async function waitForHydratedPlayer(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('.player__save')).not.toHaveAttribute('data-save-state', 'server');
}

/** The player's loader data (the participant's resolved lesson and her stored events), read with the page's cookies. */
export async function lessonData(page: Page, participantId: string): Promise<LessonData> {
  // The page's request context sends the cookies but not the browser's Accept-Language: say
  // the page's language, or the loader would first redirect to set her language.
  const language = (await page.locator('html').getAttribute('lang')) ?? 'nl';
  const response = await page.request.get(`/play/p/${participantId}?_data=${encodeURIComponent('routes/play.p.$participant')}`, {
    headers: { 'Accept-Language': language },
  });
  expect(response.status(), 'the player loader answers with its data').toBe(200);
  return (await response.json()) as LessonData;
}

/** Every request a browser context makes, with what it posts. */
export function recordRequests(context: BrowserContext): { url: string; method: string; body: string }[] {
  const seen: { url: string; method: string; body: string }[] = [];
  context.on('request', (request) => seen.push({ url: request.url(), method: request.method(), body: request.postData() ?? '' }));
  return seen;
}

/** Expects every request to go to this site (data: and blob: never leave the device). */
export function expectOnlyOwnOrigin(requests: { url: string }[], baseURL: string) {
  const own = new URL(baseURL).origin;
  const elsewhere = requests.map((r) => r.url).filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== own);
  expect(requests.length, 'the player made requests at all').toBeGreaterThan(0);
  expect(elsewhere, 'requests outside the site').toEqual([]);
}

/** Records what the page asks speech synthesis to say, without letting it speak. Call before the first page load. */
export async function recordSpeech(context: BrowserContext) {
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    if ('speechSynthesis' in window) {
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push({ text: utterance.text, lang: utterance.lang });
      };
    }
  });
}

export interface PlayOptions {
  moduleId: string;
  variant: Variant;
  language: Language;
  /** Picks which option, checkboxes and sort boxes are chosen: different seeds walk different branches. */
  seed: number;
  javaScript: boolean;
  /** Run axe once per kind of screen (step type, story mode, feedback of a choice or a quiz). */
  axe?: boolean;
  /** Whether the browser has speech synthesis (roma shows read-aloud buttons only then). */
  speech?: boolean;
  /** A private reflection note typed into the reflection step (with JavaScript). */
  privateNote?: string;
  /** Try the sort's "done" once with nothing placed first: the player must refuse and say why. */
  tryIncompleteSort?: boolean;
  /** Stop on arriving at this screen (a step id, or `feedback-<id>`), before answering it. */
  until?: string;
}

export interface PlayRecord {
  /** The steps shown, in order (feedback screens as `feedback-<step>`). */
  screens: string[];
  /** The events she sent, as the server should have logged them (one per step left: NEXT or ANSWER). */
  events: LessonData['events'];
  /** The kinds of screen axe checked. */
  axeChecked: string[];
  /** The step ids whose option's read-aloud button was tried. */
  readAloudTried: string[];
}

const MAX_SCREENS = 60;

/**
 * Plays from the current screen to the end screen. Each screen is answered by its type, and
 * each move is checked against the lesson: the next screen is the chosen option's `next`
 * (a choice), the feedback of the step (a choice or a quiz answer), or the step's `next`.
 */
export async function playToEnd(page: Page, lesson: LessonData, options: PlayOptions): Promise<PlayRecord> {
  const { variant, language, seed, javaScript } = options;
  const text = moduleTexts(options.moduleId, variant, language);
  const t = (key: string) => ui(language, key);
  const steps = new Map(lesson.module.steps.map((step) => [step.id, step]));
  const player = page.locator('.player');
  const record: PlayRecord = { screens: [], events: [...lesson.events], axeChecked: [], readAloudTried: [] };
  const axeDone = new Set<string>();
  let expected: string | undefined;

  for (let turn = 0; ; turn += 1) {
    expect(turn, `the lesson ends within ${MAX_SCREENS} screens (${record.screens.join(' → ')})`).toBeLessThan(MAX_SCREENS);
    await expect(player, `the player is on screen (after ${record.screens.at(-1) ?? 'the start'})`).toBeVisible();
    const screen = (await player.getAttribute('data-step'))!;
    const type = (await player.getAttribute('data-step-type'))!;
    if (expected !== undefined) expect(screen, `after ${record.screens.at(-1)}`).toBe(expected);
    record.screens.push(screen);
    if (screen === options.until) break;
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectSaveIndicator(page, javaScript);
    await expectRomaExtras(page, variant, javaScript && !!options.speech);

    // Feedback after a choice or a quiz answer: "next" is a button with JavaScript, a link without.
    if (screen.startsWith('feedback-')) {
      const answered = steps.get(screen.slice('feedback-'.length))!;
      expect(['choice', 'quiz', 'sort'], `feedback only after a choice, a quiz or a sort (${answered.id})`).toContain(answered.type);
      await expectFeedback(page, answered, record.events, text, t);
      if (options.axe) await axeOnce(page, `feedback-${answered.type}`, axeDone, record);
      const current = steps.get(currentStepOf(lesson.module.start, record.events, steps))!;
      expect(type, 'data-step-type names the step after the feedback').toBe(current.type);
      expected = current.id;
      const onward = page.locator('.feedback').getByRole(javaScript ? 'button' : 'link', { name: t('player.next'), exact: true });
      await expect(onward, `"${t('player.next')}" on the feedback is a ${javaScript ? 'button' : 'link'}`).toBeVisible();
      await onward.click();
      await expect(player).not.toHaveAttribute('data-step', screen);
      continue;
    }

    const step = steps.get(screen);
    expect(step, `data-step "${screen}" is a step of the lesson`).toBeTruthy();
    expect(type, `data-step-type of ${screen}`).toBe(step!.type);
    await expectHeadline(page, step!, text, t);
    if (options.axe) await axeOnce(page, step!.type === 'story' ? `story-${step!.mode}` : step!.type, axeDone, record);
    if (step!.type === 'end') break;

    // Answer the screen by its type.
    let answer: unknown;
    let next = step!.next;
    switch (step!.type) {
      case 'choice':
      case 'poll':
      case 'quiz': {
        if ((step!.type === 'quiz' || step!.type === 'poll') && step!.multiple) {
          const ticked = step!.options!.map((o, i) => ((i + seed) % 2 === 0 ? o.id : null)).filter((id): id is string => id !== null);
          const boxes = page.locator('.player .check-option');
          await expect(boxes).toHaveCount(step!.options!.length);
          for (const [i, option] of step!.options!.entries()) {
            await expect(boxes.nth(i)).toContainText(text(option.labelKey));
            if (ticked.includes(option.id)) await boxes.nth(i).getByRole('checkbox').check();
          }
          answer = { options: ticked };
          await page.getByRole('button', { name: t(step!.type === 'quiz' ? 'player.check' : 'player.done'), exact: true }).click();
        } else {
          const buttons = page.locator('.player .option-button');
          await expect(buttons).toHaveCount(step!.options!.length);
          const index = seed % step!.options!.length;
          const option = step!.options![index]!;
          await expect(buttons.nth(index)).toHaveText(text(option.labelKey));
          if (variant === 'roma' && javaScript && options.speech && record.readAloudTried.length === 0)
            await tryReadAloud(page, index, text(option.labelKey), language, record, step!.id);
          if (step!.type === 'choice') next = option.next;
          answer = step!.type === 'quiz' ? { options: [option.id] } : { option: option.id };
          await buttons.nth(index).click();
        }
        break;
      }
      case 'sort': {
        const items = page.locator('.player .sort__item');
        await expect(items).toHaveCount(step!.items!.length);
        if (options.tryIncompleteSort) {
          await page.getByRole('button', { name: t('player.done'), exact: true }).click();
          await expect(page.getByRole('alert')).toHaveText(t('player.errors.incomplete'));
          await expect(player).toHaveAttribute('data-step', screen);
        }
        const placements: Record<string, string> = {};
        for (const [i, item] of step!.items!.entries()) {
          const category = step!.categories![(i + seed) % step!.categories!.length]!;
          const row = items.nth(i);
          await expect(row.locator('legend')).toHaveText(text(item.labelKey));
          await row.getByRole('radio', { name: text(category.labelKey), exact: true }).check();
          placements[item.id] = category.id;
        }
        answer = { placements };
        await page.getByRole('button', { name: t('player.done'), exact: true }).click();
        break;
      }
      case 'body-map': {
        // A person by the seed; with JavaScript one mark by a tap on the silhouette (the chosen
        // icon goes to the nearest zone) and one by the keyboard, without it two checkboxes.
        const person = step!.persons![seed % step!.persons!.length]!;
        await page.getByRole('radio', { name: text(person.labelKey), exact: true }).check();
        const zones = step!.zones!;
        const first = { icon: bodyMapIcons[seed % 3]!, zone: zones[seed % zones.length]!.id };
        const second = { icon: bodyMapIcons[(seed + 1) % 3]!, zone: zones[(seed + 3) % zones.length]!.id };
        const box = (mark: { icon: string; zone: string }) => page.locator(`.player input[type="checkbox"][name="mark"][value="${mark.icon}@${mark.zone}"]`);
        if (javaScript) {
          await tapOnSilhouette(page, first.icon, first.zone, t);
          await expect(box(first)).toBeChecked();
          await box(second).focus();
          await page.keyboard.press('Space');
        } else {
          await box(first).check();
          await box(second).check();
        }
        await expect(box(second)).toBeChecked();
        // The form sends the marks in its own order: zone by zone, icon by icon.
        const order = (mark: { icon: string; zone: string }) =>
          zones.findIndex((z) => z.id === mark.zone) * 3 + bodyMapIcons.indexOf(mark.icon as (typeof bodyMapIcons)[number]);
        answer = { person: person.id, marks: [first, second].sort((a, b) => order(a) - order(b)) };
        await page.getByRole('button', { name: t('player.done'), exact: true }).click();
        break;
      }
      case 'reflection':
        if (javaScript && options.privateNote) await page.getByLabel(t('player.privateNote')).fill(options.privateNote);
        await page.getByRole('button', { name: t('player.next'), exact: true }).click();
        break;
      case 'story':
      case 'offline':
      case 'help':
        await page.getByRole('button', { name: t('player.next'), exact: true }).click();
        break;
      default:
        throw new Error(`step type ${step!.type} (${screen}) is not in this module's tests`);
    }
    record.events.push(answer === undefined ? { type: 'NEXT' } : { type: 'ANSWER', step: step!.id, answer });
    expected = step!.type === 'choice' || step!.type === 'quiz' || step!.type === 'sort' ? `feedback-${step!.id}` : next;
    expect(expected, `${screen} leads somewhere`).toBeTruthy();
    await expect(player).not.toHaveAttribute('data-step', screen);
  }
  return record;
}

/**
 * Body map with JavaScript: press the icon in the palette, then tap the silhouette where the
 * zone's spot is: the mark shows in that zone's spot (and its checkbox is ticked).
 */
export async function tapOnSilhouette(page: Page, icon: string, zone: string, t: (key: string) => string) {
  const tool = page.locator('.body-map__palette').getByRole('button', { name: t(`player.icons.${icon}`) });
  await tool.click();
  await expect(tool).toHaveAttribute('aria-pressed', 'true');
  const spot = page.locator(`.body-map__spot[data-drop="${zone}"]`);
  await spot.click();
  await expect(spot.locator('.body-map__mark')).toHaveCount(1);
}

/** The step a log of events leads to: `next`, a choice's chosen option's `next` (or `skipNext`), or back along the path. */
export function currentStepOf(start: string, events: LessonData['events'], steps: Map<string, Step>): string {
  const path = [start];
  for (const event of events) {
    if (event.type === 'BACK') {
      path.pop();
      continue;
    }
    const step = steps.get(path.at(-1)!)!;
    // A skipped choice goes to its skipNext (decision 0009); any other skip to the step's next.
    if (event.type === 'SKIP') path.push(step.type === 'choice' ? step.skipNext! : step.next!);
    else path.push(step.type === 'choice' ? step.options!.find((o) => o.id === (event.answer as { option: string }).option)!.next! : step.next!);
  }
  return path.at(-1)!;
}

async function expectSaveIndicator(page: Page, javaScript: boolean) {
  const save = page.locator('.player__save');
  if (javaScript) await expect(save).toHaveAttribute('data-save-state', /^(saved|saving)$/);
  else await expect(save).toHaveAttribute('data-save-state', 'server');
}

/** The screen's own question or first text, in the right language and variant. */
async function expectHeadline(page: Page, step: Step, text: (key: string) => string, t: (key: string) => string) {
  const player = page.locator('.player');
  switch (step.type) {
    case 'story':
      if (step.mode === 'chat') await expect(player.locator('.chat__bubble').first()).toContainText(text(step.messages![0]!.textKey));
      else await expect(player.locator('.story__lead')).toHaveText(text(step.panels![0]!.textKey));
      return;
    case 'choice':
    case 'sort':
      await expect(player.locator('.step__question')).toHaveText(text(step.promptKey!));
      return;
    case 'quiz':
    case 'poll':
      await expect(player.locator('.step__question')).toHaveText(text(step.questionKey!));
      return;
    case 'reflection':
      await expect(player.locator('.reflection__question')).toHaveText(text(step.questionKey!));
      return;
    case 'offline':
      await expect(player.locator('.step__question')).toHaveText(text(step.titleKey!));
      return;
    case 'help':
      await expect(player.locator('.step__question')).toHaveText(text(step.introKey!));
      await expect(player.locator('.help-list__item').first()).toBeVisible();
      return;
    case 'end': {
      await expect(player.getByRole('heading', { level: 1 })).toHaveText(t('player.endTitle'));
      const sentences = player.locator('.end-step__summary');
      await expect(sentences).toHaveText(step.summaryKeys!.map((key) => text(key)));
      return;
    }
  }
}

async function expectFeedback(page: Page, answered: Step, events: LessonData['events'], text: (key: string) => string, t: (key: string) => string) {
  const feedback = page.locator('.feedback');
  await expect(feedback.getByRole('heading', { level: 1 })).toHaveText(t('player.feedbackTitle'));
  const last = events.at(-1)!;
  expect(last.step, 'the feedback is for the step just answered').toBe(answered.id);
  if (answered.type === 'choice') {
    const option = answered.options!.find((o) => o.id === (last.answer as { option: string }).option)!;
    await expect(feedback.locator('.feedback__choice')).toHaveText(`${t('player.youChose')} ${text(option.labelKey)}`);
    await expect(feedback.locator('.feedback__text')).toHaveText(text(option.feedbackKey!));
  } else if (answered.type === 'sort') {
    // Every card put elsewhere is named, with where it belongs; the step's explanation follows.
    const placements = (last.answer as { placements: Record<string, string> }).placements;
    const misplaced = answered.items!.filter((item) => placements[item.id] !== item.category);
    await expect(feedback.locator('.feedback__verdict')).toHaveText(t(misplaced.length ? 'player.sortLookAgain' : 'player.sortAllRight'));
    await expect(feedback.locator('.feedback__card')).toHaveCount(misplaced.length);
    for (const item of misplaced) await expect(feedback.locator(`.feedback__card[data-item="${item.id}"]`)).toContainText(text(item.labelKey));
    await expect(feedback.locator('.feedback__text')).toHaveText(text(answered.explanationKey!));
  } else {
    const chosen = (last.answer as { options: string[] }).options;
    const correct = answered.options!.filter((o) => o.correct).map((o) => o.id);
    const allRight = correct.length === chosen.length && correct.every((id) => chosen.includes(id));
    await expect(feedback.locator('.feedback__verdict')).toHaveText(t(allRight ? 'player.quizRight' : 'player.quizAlmost'));
    await expect(feedback.locator('.feedback__text')).toHaveText(text(answered.explanationKey!));
  }
}

/**
 * Roma: a pictogram on every option button, one "read this screen" button at the top and a
 * small speaker beside every option, where the browser can speak (hydrated). Other variants
 * (and roma without speech) have none.
 */
async function expectRomaExtras(page: Page, variant: Variant, canSpeak: boolean) {
  const player = page.locator('.player');
  const language = (await page.locator('html').getAttribute('lang'))!;
  const readAloud = player.locator('button.read-aloud:not(.easy-read-switch)');
  const optionButtons = player.locator('.option-button');
  if (variant !== 'roma' || !canSpeak) await expect(readAloud).toHaveCount(0);
  if (variant !== 'roma') return;
  const buttons = await optionButtons.count();
  for (let i = 0; i < buttons; i += 1) await expect(optionButtons.nth(i).locator('img.pictogram')).toHaveCount(1);
  if (!canSpeak) return;
  expect(await readAloud.count(), 'read-aloud buttons on a roma screen').toBeGreaterThan(0);
  await expect(player.getByRole('button', { name: ui(language, 'player.readScreen'), exact: true }), 'one "read this screen" button').toHaveCount(1);
  await expectEveryTextReadAloud(page);
  // One beside every option, and beside every message to sort.
  const items = player.locator('.options__item, .sort__item');
  const count = await items.count();
  for (let i = 0; i < count; i += 1) {
    await expect(items.nth(i).getByRole('button', { name: ui(language, 'player.readAloud'), exact: true })).toHaveCount(1);
  }
}

/**
 * Roma: every text on the screen can be heard. Opens the screen's disclosures, presses every
 * read-aloud button of the step (or feedback) once, and expects each visible text block of it
 * (an element with text of its own, word or number) to be within something a button said.
 * Left out: the controls that are not lesson text (buttons other than the option buttons,
 * `summary` toggles, the note's textarea) and a chat message's time stamp.
 */
export async function expectEveryTextReadAloud(page: Page) {
  const { unheard, blocks } = await page.evaluate(() => {
    const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
    const root = document.querySelector('.player .step, .player .feedback');
    if (!root) return { unheard: ['(no step on screen)'], blocks: 0 };
    for (const details of root.querySelectorAll('details')) details.open = true;
    const spoken = (window as unknown as { __spoken: { text: string }[] }).__spoken;
    const before = spoken.length;
    for (const button of root.querySelectorAll<HTMLButtonElement>('button.read-aloud')) button.click();
    const said = spoken.splice(before).map((s) => norm(s.text));
    const unheard: string[] = [];
    let blocks = 0;
    for (const element of root.querySelectorAll('*')) {
      if (element.closest('button:not(.option-button), summary, textarea, time')) continue;
      const own = norm(
        [...element.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent)
          .join(' '),
      );
      if (!/[\p{L}\p{N}]/u.test(own)) continue;
      const box = element.getBoundingClientRect();
      if (!element.checkVisibility({ checkVisibilityCSS: true }) || box.width < 2 || box.height < 2) continue;
      blocks += 1;
      if (!said.some((utterance) => utterance.includes(own))) unheard.push(own);
    }
    return { unheard, blocks };
  });
  expect(blocks, 'text blocks on the screen').toBeGreaterThan(0);
  expect(unheard, `texts without a read-aloud button (${await page.locator('.player').getAttribute('data-step')})`).toEqual([]);
}

/** Presses the read-aloud button beside an option: the browser is asked to say that label, in her language. */
async function tryReadAloud(page: Page, index: number, label: string, language: string, record: PlayRecord, stepId: string) {
  const before = await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken.length);
  await page
    .locator('.player .options__item')
    .nth(index)
    .getByRole('button', { name: ui(language, 'player.readAloud'), exact: true })
    .click();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
  expect(spoken.length).toBe(before + 1);
  expect(spoken.at(-1)).toEqual({ text: label, lang: { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[language] });
  // Reading aloud is not an answer: she is still on the same step.
  await expect(page.locator('.player')).toHaveAttribute('data-step', stepId);
  record.readAloudTried.push(stepId);
}

async function axeOnce(page: Page, kind: string, done: Set<string>, record: PlayRecord) {
  if (done.has(kind)) return;
  done.add(kind);
  record.axeChecked.push(kind);
  expect(await axeViolations(page), `axe on the ${kind} screen (${await page.locator('.player').getAttribute('data-step')})`).toEqual([]);
}

/** Waits until the player says every answer is saved, and the device holds nothing unsent. */
export async function expectAllSaved(page: Page, participantId: string) {
  await expect(page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved');
  const queued = await page.evaluate((key) => window.localStorage.getItem(key), `weerbaar.progress.${participantId}`);
  expect(queued, 'nothing left in the progress queue').toBeNull();
}

/** The end screen: the title from common.json and the end step's three summary sentences from the module's text. */
export async function expectEndScreen(page: Page, lesson: LessonData, options: { moduleId: string; variant: Variant; language: Language }) {
  const end = lesson.module.steps.find((step) => step.type === 'end')!;
  expect(end.summaryKeys, 'the end step has three summary sentences').toHaveLength(3);
  const text = moduleTexts(options.moduleId, options.variant, options.language);
  const player = page.locator('.player');
  await expect(player).toHaveAttribute('data-step', end.id);
  await expect(player).toHaveAttribute('data-step-type', 'end');
  await expect(player.getByRole('heading', { level: 1 })).toHaveText(ui(options.language, 'player.endTitle'));
  await expect(player.locator('.end-step__summary')).toHaveText(end.summaryKeys!.map((key) => text(key)));
  await expect(player.locator('.end-step__done')).toHaveText(ui(options.language, 'player.endDone'));
}
