import { expect, test } from '@playwright/test';
import { fakeIp, newPersonContext } from './support/accounts';
import { skipToEnd } from './support/module-runs';
import { expectAllSaved, lessonData, recordRequests, startModule, waitForHydratedPlayer } from './support/player';

/**
 * "A girl may skip any question" (decisions 0009, 0010): module 1 played to its end skipping
 * every question, squad advice included, with and without JavaScript; the stories after a
 * skipped advice still come, never-your-fault and help among them.
 */

const moduleId = 'wie-ben-ik';
// The questions of module 1 (standard), on the route a skip of each one takes: every one offers a skip.
const skippable = ['gevoel', 'advies-foto', 'filter-weetje', 'sterktes', 'mijn-foto', 'berichten-sorteren', 'advies-dario'];

for (const { javaScript, language } of [
  { javaScript: true, language: 'nl' },
  { javaScript: false, language: 'fr' },
] as const) {
  test(`skips every question that offers a skip and reaches the end, ${javaScript ? 'with' : 'without'} JavaScript (${language})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = javaScript
      ? await newPersonContext(browser, language === 'nl' ? 'nl-BE' : 'fr-BE')
      : await browser.newContext({ javaScriptEnabled: false, locale: 'fr-BE', extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const participantId = await startModule(page, { moduleId, variant: 'standard', language, pageLanguage: language });
    if (javaScript) await waitForHydratedPlayer(page);

    const seen = await skipToEnd(page, language, { javaScript });
    await expect(page.locator('.end-step')).toBeVisible();
    expect(seen.filter((s) => s.skipOffered).map((s) => s.step)).toEqual(skippable);
    // Stories, the reflection and help ask nothing: no skip there; never-your-fault and help still come.
    expect(seen.filter((s) => !s.skipOffered).map((s) => s.step)).toEqual(
      expect.arrayContaining(['welkom', 'afspraken', 'nooit-jouw-schuld', 'sterk-punt', 'hulp']),
    );

    if (javaScript) await expectAllSaved(page, participantId);
    const { events } = await lessonData(page, participantId);
    // The server's log has a SKIP for each, in order, and no answer for any of them.
    expect(events.filter((e) => e.type === 'SKIP')).toEqual(skippable.map((step) => ({ type: 'SKIP', step })));
    expect(events.filter((e) => e.type === 'ANSWER')).toEqual([]);

    const posts = requests.filter((r) => r.method === 'POST');
    if (javaScript) {
      // Skips go through the same background queue as answers: one post per event, none as a form.
      expect(posts.filter((r) => r.url.endsWith(`/play/p/${participantId}/events`))).toHaveLength(events.length);
      expect(posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`)).toEqual([]);
    } else {
      expect(posts.filter((r) => r.url.includes('/events'))).toEqual([]);
      expect(posts.filter((r) => new URL(r.url).pathname === `/play/p/${participantId}`)).toHaveLength(events.length);
      expect(posts.filter((r) => r.body.includes('intent=skip'))).toHaveLength(skippable.length);
    }

    // After a reload the end is still the end.
    await page.reload();
    await expect(page.locator('.end-step')).toBeVisible();
    await context.close();
  });
}

test('a skip where the step does not allow it is refused with 422 and writes nothing', async ({ browser }) => {
  const context = await newPersonContext(browser, 'nl-BE');
  const page = await context.newPage();
  const participantId = await startModule(page, { moduleId, variant: 'standard', language: 'nl', pageLanguage: 'nl' });
  await waitForHydratedPlayer(page);
  const post = (sequence: number, event: unknown) =>
    page.request.post(`/play/p/${participantId}/events`, {
      data: { sequence, event },
      headers: { 'Content-Type': 'application/json', Origin: new URL(page.url()).origin },
    });
  // A story asks nothing: nothing to skip.
  const story = await post(1, { type: 'SKIP', step: 'welkom' });
  expect(story.status()).toBe(422);
  expect(await story.json()).toEqual({ reason: 'eventNotAllowed', message: 'player.errors.incomplete' });
  expect((await lessonData(page, participantId)).events).toEqual([]);
  // Past the agreements and a skipped poll: that skip is written, a skip of the next story is not.
  expect((await post(1, { type: 'NEXT' })).status()).toBe(200);
  expect((await post(2, { type: 'NEXT' })).status()).toBe(200);
  expect((await post(3, { type: 'SKIP', step: 'gevoel' })).status()).toBe(200);
  const chat = await post(4, { type: 'SKIP', step: 'chat-foto' });
  expect(chat.status()).toBe(422);
  expect(await chat.json()).toEqual({ reason: 'eventNotAllowed', message: 'player.errors.incomplete' });
  // Without JavaScript the same refusal: the form's skip button on a step without one.
  const form = await page.request.post(`/play/p/${participantId}`, {
    form: { sequence: '4', intent: 'skip' },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(422);
  expect((await lessonData(page, participantId)).events).toEqual([{ type: 'NEXT' }, { type: 'NEXT' }, { type: 'SKIP', step: 'gevoel' }]);
  await context.close();
});
