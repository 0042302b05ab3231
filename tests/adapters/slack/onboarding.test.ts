import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressDocs } from '../../../src/core/onboarding/index.js';
import { OWNER_WORD, ownerOfPrompt, testOnboarding } from '../../helpers/onboarding.js';
import { allText, buttons, type SlackHarness, startSlackHarness } from '../../helpers/slack/harness.js';
import {
  appHomeOpened,
  buttonClick,
  eventCallback,
  postCommand,
  postEvent,
  postInteraction,
  slashCommand,
} from '../../helpers/slack/requests.js';

/** The tour and a full quiz round through the real Bolt app, against the fake Slack. */

let h: SlackHarness;
let progress: ProgressDocs;
beforeAll(async () => {
  const o = testOnboarding();
  progress = o.progress;
  h = await startSlackHarness({ onboarding: o.onboarding });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

type Sent = Record<string, unknown>;
let seq = 0;
const unescapeSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** `/srm <text>` as `user`: the ephemeral answer posted to the response URL. */
async function srm(text: string, user: string): Promise<Sent> {
  const id = `onb-${++seq}`;
  const res = await postCommand(h.url, slashCommand({ text, user, responseUrl: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), `response ${id}`)).body;
}

/** Clicks the button with `value` on an ephemeral message: the answer posted to its response URL. */
async function press(value: string, user: string, actionId = 'srm_followup_0'): Promise<Sent> {
  const id = `onb-${++seq}`;
  const res = await postInteraction(
    h.url,
    buttonClick({ actionId, value, user, responseUrl: h.fake.responseUrl(id), where: { kind: 'ephemeral' } }),
  );
  expect(res.status).toBe(200);
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id), `response ${id}`)).body;
}

function button(sent: Sent, label: string) {
  const b = buttons(sent).find((x) => x.text.text === label);
  if (!b) throw new Error(`no ${label} button in ${allText(sent)}`);
  return b;
}

describe('Slack: the tour', () => {
  it('/srm tour shows step 1 with Next; Next and Back walk the steps; the last offers the quiz', async () => {
    const user = 'U0TOUR';
    let step = await srm('tour', user);
    expect(allText(step)).toContain('Step 1 of 7');
    expect(buttons(step).map((b) => b.text.text)).toEqual(['Next']);
    for (let i = 2; i <= 7; i++) {
      const next = button(step, 'Next');
      step = await press(next.value, user, next.action_id);
      expect(allText(step)).toContain(`Step ${i} of 7`);
    }
    expect(buttons(step).map((b) => b.text.text)).toEqual(['Back', 'Start the quiz', 'A round of 10']);
    const back = button(step, 'Back');
    expect(allText(await press(back.value, user, back.action_id))).toContain('Step 6 of 7');
  });
});

describe('Slack: a quiz round', () => {
  it('plays five questions with the AWS / You / Shared buttons, then shows the score and progress', async () => {
    const user = 'U0QUIZ';
    let q = await srm('quiz', user);
    const firstButtons = buttons(q);
    for (let i = 1; i <= 5; i++) {
      expect(allText(q)).toContain(`Question ${i} of 5`);
      expect(buttons(q).map((b) => b.text.text)).toEqual(['AWS', 'You', 'Shared']);
      const owner = ownerOfPrompt(unescapeSlack(String(q.text)));
      const choice = buttons(q).find((b) => b.value.endsWith(` ${OWNER_WORD[owner]}`));
      if (!choice) throw new Error('no button for the owner');
      const result = await press(choice.value, user, choice.action_id);
      expect(String(result.text)).toMatch(/^Right!/);
      expect(allText(result)).toContain(`Score ${i}/${i} · streak ${i}`);
      expect(allText(result)).toMatch(/:books: <https:\/\//);
      if (i < 5) {
        const next = button(result, 'Next question');
        q = await press(next.value, user, next.action_id);
      } else {
        expect(allText(result)).toContain('Round over: 5 of 5 right');
        expect(buttons(result).map((b) => b.text.text)).toEqual(['New round', 'My progress']);
      }
    }
    const before = JSON.stringify(await progress.get(`slack:T0TEST:${user}`));

    // A click on the first question's message, long after: answered once, nothing changes.
    const late = firstButtons[0];
    if (!late) throw new Error('no button');
    const again = await press(late.value, user, late.action_id);
    expect(allText(again)).toContain('already answered');
    // A payload that is not one of ours.
    const bad = await press('quiz answer 1 1 perhaps', user);
    expect(allText(bad)).toContain('nothing was scored');
    expect(JSON.stringify(await progress.get(`slack:T0TEST:${user}`))).toBe(before);

    const mine = await srm('progress', user);
    expect(allText(mine)).toContain('Questions answered: 5 (5 right, 0 missed)');
    expect(allText(mine)).toContain('Level: Infrastructure (IaaS)');
  });

  it('says the round has moved on for a click from an earlier round, and scores nothing', async () => {
    const user = 'U0STALE';
    const first = await srm('quiz', user);
    await srm('quiz new', user);
    const before = JSON.stringify(await progress.get(`slack:T0TEST:${user}`));
    const old = buttons(first)[0];
    if (!old) throw new Error('no button');
    const r = await press(old.value, user, old.action_id);
    expect(allText(r)).toContain('earlier round');
    expect(allText(r)).toContain('Question 1 of 5');
    expect(JSON.stringify(await progress.get(`slack:T0TEST:${user}`))).toBe(before);
  });

  it('shows Start buttons and the progress with Continue on the App Home', async () => {
    const user = 'U0HOMEQUIZ';
    await srm('quiz', user);
    await postEvent(h.url, eventCallback(appHomeOpened({ user, tab: 'home' })));
    const publish = await h.fake.waitFor(
      () => h.fake.callsTo('views.publish').find((c) => c.args.user_id === user),
      'views.publish',
    );
    const view = publish.args.view as Sent;
    const labels = buttons(view).map((b) => `${b.text.text}=${b.value}`);
    expect(labels).toContain('Continue the quiz=quiz');
    expect(labels).toContain('Start the tour=tour');
    expect(allText(view)).toContain('Your onboarding progress');
  });
});
