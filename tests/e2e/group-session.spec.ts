import { type Page, expect, test } from '@playwright/test';
import { demoAccount, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import {
  type LessonModule,
  type Step,
  type Tablet,
  CuttableLink,
  answerStep,
  armStepWatch,
  chooseNickname,
  createSessionInUi,
  expectedBars,
  facilitatorState,
  joinAsTablet,
  majority,
  moduleText,
  nl,
  openJoinPage,
  sessionRows,
  stepSeenAt,
  tabletModule,
  tabletScreen,
  typeCode,
} from './support/sessions';

/**
 * A live group session of module 1 ("Wie ben ik?", standard, Dutch) as it happens: one
 * facilitator, three tablets on three networks, every step of the module.
 */

/** A tablet must show the group's new step within this long after the facilitator's click. */
const FOLLOW_LIMIT_MS = 1000;

type Answer = string | string[] | Record<string, string>;
const sortItems = ['lach', 'broek', 'tekenen', 'volwassen', 'foto-alleen', 'make-up', 'geheim', 'moedig'];
const sortBy = (pick: (index: number) => string) => Object.fromEntries(sortItems.map((item, index) => [item, pick(index)]));

/** What each of the three tablets answers, per answer step (A, B, C). */
const togetherAnswers: Record<string, [Answer, Answer, Answer]> = {
  gevoel: ['blij', 'blij', 'moe'],
  // The group advises "talk about it": that branch passes lina-trots.
  'advies-foto': ['praten', 'praten', 'laten-staan'],
  'filter-weetje': [['bewerkt', 'licht'], ['bewerkt'], ['elke-ochtend', 'licht']],
  sterktes: [['sport'], ['creatief', 'sport'], ['weet-niet']],
  // "Keep quiet" wins: the branch through durven-zeggen.
  'mijn-foto': ['zwijgen', 'vragen', 'zwijgen'],
  'berichten-sorteren': [sortBy(() => 'oke'), sortBy((i) => (i % 2 ? 'niet-oke' : 'oke')), sortBy((i) => ['oke', 'niet-oke', 'twijfel'][i % 3]!)],
  // "Send it" wins; every advice goes on to nooit-jouw-schuld (decision 0010).
  'advies-dario': ['sturen', 'sturen', 'blokkeren'],
};
const expectedTogetherPath = [
  'welkom',
  'afspraken',
  'gevoel',
  'chat-foto',
  'advies-foto',
  'lina-trots',
  'filter-weetje',
  'sterktes',
  'complimentenketting',
  'mijn-foto',
  'durven-zeggen',
  'berichten-sorteren',
  'bericht-dario',
  'advies-dario',
  'nooit-jouw-schuld',
  'compliment-of-druk',
  'sterk-punt',
  'hulp',
  'einde',
];

async function expectNoAxeViolations(page: Page, what: string) {
  expect(await axeViolations(page), `axe on ${what}`).toEqual([]);
}

test('together: three tablets follow the facilitator through the whole module within a second, their answers counted, offline and reload included; the summary, her evaluation and her list of sessions', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const facilitatorContext = await newPersonContext(browser);
  const consolePage = await facilitatorContext.newPage();
  await signIn(consolePage, demoAccount('facilitator'));
  const { id: sessionId, code } = await createSessionInUi(consolePage, 'together');
  await expect(consolePage.locator('[data-testid=joined-count]')).toHaveText(nl('sessions.console.joined_other', { count: 0 }));

  // ——— Three tablets join: the code typed as a girl might (lower case, a space, a dash).
  const first = await openJoinPage(browser);
  await expectNoAxeViolations(first.page, 'the code page /join');
  await typeCode(first.page, `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`, code);
  await expectNoAxeViolations(first.page, 'the nickname page /join/<code>');
  const a: Tablet = { name: 'Sterretje', ...first, participantId: await chooseNickname(first.page, 'Sterretje', nl('join.avatars.owl')) };
  const b = await joinAsTablet(browser, { code, typed: `${code.slice(0, 3)}-${code.slice(3)}`, nickname: 'Maanlicht', avatar: nl('join.avatars.fox') });
  // The third tablet reaches the server through a link the test can cut (see CuttableLink).
  const link = await CuttableLink.open(baseURL!);
  const c = await joinAsTablet(browser, { code, nickname: 'Regenboog', avatar: nl('join.avatars.panda'), link });
  const tablets = [a, b, c];
  for (const tablet of tablets) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'lobby');
    await expect(tablet.page.locator('.tablet__me')).toHaveText(tablet.name);
  }
  await expectNoAxeViolations(a.page, 'the tablet in the lobby');

  await expect(consolePage.locator('[data-testid=joined-count]')).toHaveText(nl('sessions.console.joined_other', { count: 3 }));
  await expect(consolePage.locator('.participant-list__item')).toHaveText(['Sterretje', 'Maanlicht', 'Regenboog'].map((n) => new RegExp(n)));
  await expectNoAxeViolations(consolePage, 'the console in the lobby');

  const module: LessonModule = await tabletModule(a);
  const steps = new Map<string, Step>(module.steps.map((s) => [s.id, s]));
  const latencies: { step: string; tablet: string; ms: number }[] = [];
  let offline: Tablet | undefined;

  /** Clicks a console control and measures, on every tablet online, the time until it shows `nextStep`. */
  async function moveGroup(nextStep: string, click: () => Promise<void>) {
    const following = tablets.filter((t) => t !== offline);
    await Promise.all(following.map((t) => armStepWatch(t.page, nextStep)));
    // The moment of the click itself, as the console page sees it (a button still busy with
    // the previous move is waited for by Playwright first: that wait does not count).
    await consolePage.evaluate(() => {
      const w = window as unknown as { __clickedAt: number };
      w.__clickedAt = 0;
      document.addEventListener('click', () => (w.__clickedAt = Date.now()), { capture: true, once: true });
    });
    await click();
    const clickedAt = await consolePage.evaluate(() => (window as unknown as { __clickedAt: number }).__clickedAt);
    expect(clickedAt, 'the click reached the console').toBeGreaterThan(0);
    const seen = await Promise.all(following.map((t) => stepSeenAt(t.page, 5000)));
    following.forEach((tablet, index) => {
      expect(seen[index], `${tablet.name} shows ${nextStep}`).not.toBeNull();
      latencies.push({ step: nextStep, tablet: tablet.name, ms: seen[index]! - clickedAt });
      expect(seen[index]!, `${tablet.name} showed ${nextStep} only after the click`).toBeGreaterThanOrEqual(clickedAt);
    });
    await expect(consolePage.locator('.projector')).toHaveAttribute('data-step', nextStep);
  }

  // ——— Start: every tablet shows the first step.
  await moveGroup(module.start, () => consolePage.getByRole('button', { name: nl('sessions.console.start'), exact: true }).click());
  const visited = [module.start];
  let current = module.start;
  let catchUpMs = -1;

  for (;;) {
    const step = steps.get(current)!;
    for (const tablet of tablets.filter((t) => t !== offline)) {
      await expect(tabletScreen(tablet.page)).toHaveAttribute('data-step-type', step.type);
      await expect(tablet.page.locator('[data-answered=true]')).toHaveCount(0);
    }
    const given = togetherAnswers[step.id];
    if (given) {
      if (step.id === 'gevoel') await expectNoAxeViolations(a.page, 'the tablet on an answer step');
      await expect(consolePage.locator('[data-testid=answered-count]')).toHaveText(nl('sessions.console.answered', { count: 0, total: 3 }));
      await Promise.all(tablets.map((tablet, index) => answerStep(tablet.page, step, given[index]!)));
      for (const tablet of tablets) await expect(tablet.page.locator('[data-answered=true]')).toBeVisible();
      await expect(consolePage.locator('[data-testid=answered-count]')).toHaveText(nl('sessions.console.answered', { count: 3, total: 3 }));

      if (step.id === 'sterktes') {
        // One tablet reloads: it is back at the group's step, and knows it answered.
        await b.page.reload();
        await expect(tabletScreen(b.page)).toHaveAttribute('data-step', 'sterktes');
        await expect(b.page.locator('[data-answered=true]')).toBeVisible();
        await expect(b.page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      }

      // The results on the projector are the counts of what the tablets gave, bar by bar.
      const bars = expectedBars(step, given);
      await consolePage.getByRole('button', { name: nl('sessions.console.reveal'), exact: true }).click();
      await expect(consolePage.locator('.projector .result-bars__value')).toHaveText(bars);
      await expect(a.page.locator('.tablet .result-bars__value')).toHaveText(bars);
      if (step.id === 'gevoel') await expectNoAxeViolations(consolePage, 'the console while running (results shown)');
    }
    if (step.type === 'end') break;

    let next: string;
    if (step.type === 'choice') {
      const chosen = majority(step, given as string[]);
      next = step.options!.find((o) => o.id === chosen)!.next!;
      const select = consolePage.locator('.projector select[name=option]');
      await expect(select, `the console proposes what the group chose at ${step.id}`).toHaveValue(chosen);
      await select.selectOption(chosen);
      await moveGroup(next, () => consolePage.getByRole('button', { name: nl('sessions.console.nextBranch'), exact: true }).click());
    } else {
      next = step.next!;
      if (step.id === 'gevoel') {
        // One tablet loses its network for two steps.
        offline = c;
        await c.page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
        await c.context.setOffline(true);
        link.setCut(true);
      }
      await moveGroup(next, () => consolePage.getByRole('button', { name: nl('player.next'), exact: true }).click());
    }
    visited.push(next);
    current = next;

    if (offline) {
      // Offline it cannot know: a second later it still shows gevoel.
      await c.page.waitForTimeout(700);
      await expect(tabletScreen(c.page)).toHaveAttribute('data-step', 'gevoel');
      if (current === 'advies-foto') {
        // Back online it catches up to the group's step by itself: no reload.
        await armStepWatch(c.page, 'advies-foto');
        const onlineAt = Date.now();
        link.setCut(false);
        await c.context.setOffline(false);
        const seenAt = await stepSeenAt(c.page, 15_000);
        expect(seenAt, 'the tablet that was offline catches up to advies-foto').not.toBeNull();
        catchUpMs = seenAt! - onlineAt;
        expect(await c.page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage), 'caught up without a reload').toBe(true);
        offline = undefined;
      }
    }
  }

  expect(visited).toEqual(expectedTogetherPath);
  const slow = latencies.filter((l) => l.ms > FOLLOW_LIMIT_MS);
  const sorted = latencies.map((l) => l.ms).sort((x, y) => x - y);
  const summary = `follow latency over ${latencies.length} moves: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms; offline tablet caught up in ${catchUpMs} ms`;
  test.info().annotations.push({ type: 'latency', description: summary });
  console.log(summary);
  console.log(latencies.map((l) => `${l.step}/${l.tablet}: ${l.ms}`).join(', '));
  expect(latencies.length).toBe(3 * expectedTogetherPath.length - 2);
  expect(slow, `tablets slower than ${FOLLOW_LIMIT_MS} ms`).toEqual([]);

  // ——— The end: every tablet shows the closing help, the facilitator the summary.
  await consolePage.locator('summary', { hasText: nl('sessions.console.end') }).click();
  await consolePage.getByRole('button', { name: nl('sessions.console.endConfirm'), exact: true }).click();
  for (const tablet of tablets) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'ended');
    await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.endedTitle'));
    expect(await tablet.page.locator('.help-list__item').count()).toBeGreaterThan(0);
    await expect(tabletScreen(tablet.page)).not.toContainText(tablet.name);
  }
  await expectNoAxeViolations(a.page, 'the tablet after the end');

  await expect(consolePage.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.summary.title', { module: moduleText('title') }));
  await expect(consolePage.locator('.summary .lead')).toContainText(nl('sessions.summary.participants_other', { count: 3 }));
  await expect(consolePage.locator('.summary .lead')).toContainText(nl('sessions.summary.finished_other', { count: 3 }));
  const answered = expectedTogetherPath.filter((id) => togetherAnswers[id]);
  await expect(consolePage.locator('.summary__step')).toHaveCount(answered.length);
  for (const [index, stepId] of answered.entries()) {
    await expect(consolePage.locator('.summary__step').nth(index).locator('.result-bars__value')).toHaveText(
      expectedBars(steps.get(stepId)!, togetherAnswers[stepId]!),
    );
  }
  await expect(consolePage.locator('.summary')).not.toContainText('Sterretje');

  // Nicknames and avatars are gone from the session (and, on PostgreSQL, from the table).
  const state = await facilitatorState(consolePage, sessionId);
  expect(state.status).toBe('ended');
  expect(state.participants.map((p) => [p.nickname, p.avatar])).toEqual([
    [null, null],
    [null, null],
    [null, null],
  ]);
  const rows = await sessionRows(sessionId);
  if (rows) expect(rows).toMatchObject({ participants: 3, named: 0, sessionAnswers: answered.length * 3, status: 'ended' });

  // Her evaluation: how it went, how useful a step was, a comment; kept, and shown again later.
  await consolePage.getByRole('radio', { name: nl('sessions.evaluation.scores.5'), exact: true }).check();
  await consolePage.locator('input[name="useful-gevoel"][value="3"]').check();
  await consolePage.locator('input[name="useful-advies-dario"][value="1"]').check();
  await consolePage.getByLabel(nl('sessions.evaluation.comments')).fill('De groep praatte veel bij de chat.');
  await consolePage.getByRole('button', { name: nl('sessions.evaluation.submit'), exact: true }).click();
  await expect(consolePage.getByRole('status').filter({ hasText: nl('sessions.evaluation.saved') })).toBeVisible();
  await consolePage.goto(`/facilitate/sessions/${sessionId}`);
  await expect(consolePage.getByRole('radio', { name: nl('sessions.evaluation.scores.5'), exact: true })).toBeChecked();
  await expect(consolePage.locator('input[name="useful-gevoel"][value="3"]')).toBeChecked();
  await expect(consolePage.locator('input[name="useful-advies-dario"][value="1"]')).toBeChecked();
  await expect(consolePage.locator('input[name="useful-sterktes"]:checked')).toHaveCount(0);
  await expect(consolePage.getByLabel(nl('sessions.evaluation.comments'))).toHaveValue('De groep praatte veel bij de chat.');
  await expectNoAxeViolations(consolePage, 'the summary with its evaluation');

  // Her list of the organisation's sessions shows it, ended, with its three participants.
  await consolePage.goto('/facilitate/sessions');
  const listed = consolePage.locator('tr', { has: consolePage.locator(`a[href="/facilitate/sessions/${sessionId}"]`) });
  await expect(listed).toContainText(nl('sessions.status.ended'));
  await expect(listed.locator('td').last()).toHaveText('3');

  for (const tablet of tablets) await tablet.context.close();
  await facilitatorContext.close();
  await link.close();
});

/** Plays the tablet's own player from the step on screen up to `until`, answering by `answers`. */
async function playOwnPace(page: Page, steps: Map<string, Step>, from: string, until: string, answers: Record<string, Answer>): Promise<void> {
  let current = from;
  while (current !== until) {
    const step = steps.get(current)!;
    await expect(page.locator('.player')).toHaveAttribute('data-step', current);
    let next: string;
    if (step.type === 'choice' || step.type === 'quiz') {
      await answerStep(page, step, answers[step.id]!);
      await expect(page.locator('.player')).toHaveAttribute('data-step', `feedback-${step.id}`);
      await page.getByRole('button', { name: nl('player.next'), exact: true }).click();
      next = step.type === 'choice' ? step.options!.find((o) => o.id === answers[step.id])!.next! : step.next!;
    } else if (step.type === 'sort') {
      // A sort shows where each misplaced card belongs before going on.
      await answerStep(page, step, answers[step.id]!);
      await expect(page.locator('.player')).toHaveAttribute('data-step', `feedback-${step.id}`);
      await page.getByRole('button', { name: nl('player.next'), exact: true }).click();
      next = step.next!;
    } else if (step.type === 'poll') {
      await answerStep(page, step, answers[step.id]!);
      next = step.next!;
    } else if (step.type === 'end') {
      throw new Error(`${until} is not on this route`);
    } else {
      await page.getByRole('button', { name: nl('player.next'), exact: true }).click();
      next = step.next!;
    }
    current = next;
  }
  await expect(page.locator('.player')).toHaveAttribute('data-step', until);
}

const ownPaceAnswers: Record<string, Answer>[] = [
  {
    gevoel: 'rustig',
    'advies-foto': 'verwijderen',
    'filter-weetje': ['bewerkt', 'licht'],
    sterktes: ['muziek'],
    'mijn-foto': 'vragen',
    'berichten-sorteren': sortBy(() => 'twijfel'),
    'advies-dario': 'blokkeren',
  },
  { gevoel: 'blij', 'advies-foto': 'praten' },
  { gevoel: 'zenuwachtig' },
];

test('own pace: each tablet plays its own way; the console counts who is where and who finished; pause and resume, a reload, an offline tablet, a removal and the end', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const facilitatorContext = await newPersonContext(browser);
  const consolePage = await facilitatorContext.newPage();
  await signIn(consolePage, demoAccount('facilitator'));
  const { code } = await createSessionInUi(consolePage, 'own_pace');
  const [a, b, c] = await Promise.all([
    joinAsTablet(browser, { code, nickname: 'Zonnebloem', avatar: nl('join.avatars.cat') }),
    joinAsTablet(browser, { code, nickname: 'Klaproos', avatar: nl('join.avatars.bee') }),
    joinAsTablet(browser, { code, nickname: 'Madeliefje', avatar: nl('join.avatars.turtle') }),
  ]);
  const tablets = [a!, b!, c!];
  await expect(consolePage.locator('[data-testid=joined-count]')).toHaveText(nl('sessions.console.joined_other', { count: 3 }));
  const module = await tabletModule(a!);
  const steps = new Map<string, Step>(module.steps.map((s) => [s.id, s]));

  /** Every row of the console's table: how many tablets are at each step. */
  async function expectCounts(where: Record<string, number>, finished: number) {
    const expected = Object.fromEntries(module.steps.map((s) => [s.id, where[s.id] ?? 0]));
    await expect
      .poll(
        async () => {
          const shown: Record<string, number> = {};
          for (const s of module.steps) shown[s.id] = Number(await consolePage.getByTestId(`at-${s.id}`).textContent());
          return shown;
        },
        { message: `tablets per step: ${JSON.stringify(where)}` },
      )
      .toEqual(expected);
    await expect(consolePage.locator('table.step-counts caption')).toHaveText(nl('sessions.console.finished', { count: finished, total: 3 }));
  }

  await consolePage.getByRole('button', { name: nl('sessions.console.start'), exact: true }).click();
  for (const tablet of tablets) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'running');
    await expect(tablet.page.locator('.player')).toHaveAttribute('data-step', module.start);
    await expect(tablet.page.locator('.player__save')).not.toHaveAttribute('data-save-state', 'server');
  }
  await expectCounts({ welkom: 3 }, 0);

  // Three paces: A is at the quiz, B at the chat, C has not moved.
  await Promise.all([
    playOwnPace(a!.page, steps, 'welkom', 'filter-weetje', ownPaceAnswers[0]!),
    playOwnPace(b!.page, steps, 'welkom', 'chat-foto', ownPaceAnswers[1]!),
  ]);
  await expectCounts({ 'filter-weetje': 1, 'chat-foto': 1, welkom: 1 }, 0);

  // A reaches the end, B takes her own branch, C answers the first poll's step.
  await Promise.all([
    playOwnPace(a!.page, steps, 'filter-weetje', 'einde', ownPaceAnswers[0]!),
    playOwnPace(b!.page, steps, 'chat-foto', 'lina-trots', ownPaceAnswers[1]!),
    playOwnPace(c!.page, steps, 'welkom', 'gevoel', ownPaceAnswers[2]!),
  ]);
  await expectCounts({ einde: 1, 'lina-trots': 1, gevoel: 1 }, 1);
  // Counts of the answers so far, never names: A and B answered gevoel.
  await expect(consolePage.locator('tr[data-step=gevoel] summary')).toHaveText(nl('sessions.console.answeredShort', { count: 2 }));
  await expect(consolePage.locator('table.step-counts')).not.toContainText('Zonnebloem');

  // Pause: every tablet asks her to look up; resume: each is back at her own step.
  await consolePage.getByRole('button', { name: nl('sessions.console.pause'), exact: true }).click();
  for (const tablet of tablets) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'paused');
    await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.pausedTitle'));
    await expect(tablet.page.locator('.player')).toHaveCount(0);
  }
  await consolePage.getByRole('button', { name: nl('sessions.console.resume'), exact: true }).click();
  const own = ['einde', 'lina-trots', 'gevoel'];
  for (const [index, tablet] of tablets.entries()) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'running');
    await expect(tablet.page.locator('.player'), `${tablet.name} is back at her own step`).toHaveAttribute('data-step', own[index]!);
  }
  // And plays on from there: her next answer is saved and counted.
  await playOwnPace(c!.page, steps, 'gevoel', 'chat-foto', ownPaceAnswers[2]!);
  await expect(c!.page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved');
  await expectCounts({ einde: 1, 'lina-trots': 1, 'chat-foto': 1 }, 1);
  await expect(consolePage.locator('tr[data-step=gevoel] summary')).toHaveText(nl('sessions.console.answeredShort', { count: 3 }));

  // B reloads her tablet: she is back at her own step.
  await b!.page.reload();
  await expect(b!.page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(b!.page.locator('.player')).toHaveAttribute('data-step', 'lina-trots');

  // C loses the Wi-Fi: she plays on, her step waits on the tablet, and goes once she is back.
  await c!.context.setOffline(true);
  await playOwnPace(c!.page, steps, 'chat-foto', 'advies-foto', ownPaceAnswers[2]!);
  await expect(c!.page.locator('.player__save')).toHaveAttribute('data-save-state', 'offline');
  await expectCounts({ einde: 1, 'lina-trots': 1, 'chat-foto': 1 }, 1);
  await c!.context.setOffline(false);
  await expect(c!.page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved', { timeout: 15_000 });
  await expectCounts({ einde: 1, 'lina-trots': 1, 'advies-foto': 1 }, 1);

  // The facilitator removes B: her tablet says so once the undo has passed; the others play on.
  // One menu per girl; removing asks first and waits a few seconds with an undo (issue 12).
  const menu = consolePage.locator('.participant-list__item', { hasText: 'Klaproos' }).locator('details.participant-menu');
  await menu.locator('summary').click();
  await expect(menu.getByText(nl('sessions.console.removeQuestion', { name: 'Klaproos' }))).toBeVisible();
  await menu.getByRole('button', { name: nl('sessions.console.remove', { name: 'Klaproos' }), exact: true }).click();
  await consolePage.getByRole('button', { name: nl('sessions.console.undo'), exact: true }).click();
  await consolePage.waitForTimeout(6000);
  await expect(tabletScreen(b!.page)).not.toHaveAttribute('data-tablet-status', 'removed');
  await expect(consolePage.locator('.participant-list__item', { hasText: 'Klaproos' })).toHaveCount(1);
  await menu.locator('summary').click();
  await menu.getByRole('button', { name: nl('sessions.console.remove', { name: 'Klaproos' }), exact: true }).click();
  await expect(tabletScreen(b!.page)).toHaveAttribute('data-tablet-status', 'removed', { timeout: 15_000 });
  await expect(b!.page.locator('.tablet')).toContainText(nl('join.errors.removed'));
  await expect(consolePage.locator('[data-testid=joined-count]')).toHaveText(nl('sessions.console.joined_other', { count: 2 }));
  await expect(c!.page.locator('.player')).toHaveAttribute('data-step', 'advies-foto');

  // The end: the tablets still in the session show the closing help; the console the summary.
  await consolePage.locator('summary', { hasText: nl('sessions.console.end') }).click();
  await consolePage.getByRole('button', { name: nl('sessions.console.endConfirm'), exact: true }).click();
  for (const tablet of [a!, c!]) {
    await expect(tabletScreen(tablet.page)).toHaveAttribute('data-tablet-status', 'ended');
    await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText(nl('sessions.tablet.endedTitle'));
  }
  await expect(consolePage.locator('.summary .lead')).toContainText(nl('sessions.summary.participants_other', { count: 2 }));
  await expect(consolePage.locator('.summary .lead')).toContainText(nl('sessions.summary.finished_one', { count: 1 }));

  for (const tablet of tablets) await tablet.context.close();
  await facilitatorContext.close();
});

test('own pace: her log read again after a pause, but answered before it arrives, never takes her back', async ({ browser }) => {
  test.setTimeout(60_000);
  const facilitatorContext = await newPersonContext(browser);
  const consolePage = await facilitatorContext.newPage();
  await signIn(consolePage, demoAccount('facilitator'));
  const { code } = await createSessionInUi(consolePage, 'own_pace');
  const girl = await joinAsTablet(browser, { code, nickname: 'Duizendpoot', avatar: nl('join.avatars.owl') });
  const steps = new Map<string, Step>((await tabletModule(girl)).steps.map((s) => [s.id, s]));
  await consolePage.getByRole('button', { name: nl('sessions.console.start'), exact: true }).click();
  await expect(girl.page.locator('.player')).toHaveAttribute('data-step', 'welkom');

  // Her tablet reads her log again after the pause; that answer is slow to arrive: it is held
  // (as read at the time) until she has answered on.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  let fulfilled = 0;
  await girl.page.route(/\/s\/[^/?]+\?.*_data=/, async (route) => {
    held += 1;
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
    fulfilled += 1;
  });
  await consolePage.getByRole('button', { name: nl('sessions.console.pause'), exact: true }).click();
  await expect(tabletScreen(girl.page)).toHaveAttribute('data-tablet-status', 'paused');
  await consolePage.getByRole('button', { name: nl('sessions.console.resume'), exact: true }).click();
  await expect(girl.page.locator('.player')).toHaveAttribute('data-step', 'welkom');
  await expect.poll(() => held, { message: 'the tablet asked for her log again' }).toBeGreaterThan(0);
  await playOwnPace(girl.page, steps, 'welkom', 'chat-foto', ownPaceAnswers[1]!);
  await expect(girl.page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved');

  // The old log arrives: she stays where she is, and goes on from there.
  release();
  await expect.poll(() => fulfilled).toBe(held);
  // Time for the page to take the old log in (there is nothing on screen to wait for: it must not change).
  await girl.page.waitForTimeout(300);
  await expect(girl.page.locator('.player')).toHaveAttribute('data-step', 'chat-foto');
  await girl.page.unroute(/\/s\/[^/?]+\?.*_data=/);
  await playOwnPace(girl.page, steps, 'chat-foto', 'advies-foto', ownPaceAnswers[1]!);
  await expect(girl.page.locator('.player__save')).toHaveAttribute('data-save-state', 'saved');
  await girl.context.close();
  await facilitatorContext.close();
});
