import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressDocs } from '../../../src/core/onboarding/index.js';
import { OWNER_WORD, ownerOfPrompt, testOnboarding } from '../../helpers/onboarding.js';
import {
  membersAdded,
  message,
  personalChat,
  TEAMS_IDS,
  type TeamsUser,
  type Where,
} from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import { askButtons, type Card, cardTexts, click, onlyCard } from '../../helpers/teams/cards.js';
import type { ConnectorCall } from '../../helpers/teams/fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

/** The tour and a full quiz round through the real botbuilder adapter, against the fake connector. */

let h: TeamsHarness;
let progress: ProgressDocs;
beforeAll(async () => {
  const o = testOnboarding();
  progress = o.progress;
  h = await startTeamsHarness({ onboarding: o.onboarding });
});
afterAll(async () => {
  await h.close();
});

const aliceKey = `teams:${TEAMS_IDS.alice.aadObjectId}`;

function checked(call: ConnectorCall | undefined): Card {
  if (!call) throw new Error('nothing was sent');
  const card = onlyCard(call);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return card;
}

async function say(text: string, where: Where, from: TeamsUser = TEAMS_IDS.alice): Promise<Card> {
  const { sent } = await h.turn(message({ serviceUrl: h.connector.serviceUrl, where, text, from }));
  return checked(sent[0]);
}

async function press(card: Card, label: string, where: Where): Promise<Card> {
  const b = askButtons(card).find((x) => x.title === label);
  if (!b) throw new Error(`no ${label} button on ${JSON.stringify(card)}`);
  const { sent } = await h.turn(click(b, { serviceUrl: h.connector.serviceUrl, where }));
  return checked(sent[0]);
}

describe('Teams: the tour', () => {
  it('"tour" shows step 1; Next walks to step 7, which offers the quiz; Back goes back', async () => {
    const where = personalChat();
    let card = await say('tour', where);
    expect(cardTexts(card).join('\n')).toContain('Step 1 of 7');
    for (let i = 2; i <= 7; i++) {
      card = await press(card, 'Next', where);
      expect(cardTexts(card).join('\n')).toContain(`Step ${i} of 7`);
    }
    expect(askButtons(card).map((b) => b.title)).toEqual(['Back', 'Start the quiz', 'A round of 10']);
    expect(cardTexts(await press(card, 'Back', where)).join('\n')).toContain('Step 6 of 7');
  });

  it('offers Start the tour and Start the quiz on the welcome card', async () => {
    const where = personalChat();
    const { sent } = await h.turn(
      membersAdded({ serviceUrl: h.connector.serviceUrl, where, added: [{ id: TEAMS_IDS.bot.id }] }),
    );
    const card = checked(sent[0]);
    expect(askButtons(card).map((b) => `${b.title}=${b.text}`)).toEqual(
      expect.arrayContaining(['Start the tour=tour', 'Start the quiz=quiz']),
    );
    expect(cardTexts(await press(card, 'Start the tour', where)).join('\n')).toContain('Step 1 of 7');
  });
});

describe('Teams: a quiz round', () => {
  it('plays five questions with AWS / You / Shared, never double-counts a late click, and shows progress', async () => {
    const where = personalChat();
    let card = await say('quiz', where);
    const first = card;
    for (let i = 1; i <= 5; i++) {
      expect(cardTexts(card).join('\n')).toContain(`Question ${i} of 5`);
      expect(askButtons(card).map((b) => b.title)).toEqual(['AWS', 'You', 'Shared']);
      const owner = ownerOfPrompt(String(card.fallbackText));
      const label = { aws: 'AWS', customer: 'You', shared: 'Shared' }[owner];
      expect(askButtons(card).find((b) => b.title === label)?.text).toMatch(
        new RegExp(` ${OWNER_WORD[owner]}$`),
      );
      const result = await press(card, label, where);
      const text = cardTexts(result).join('\n');
      expect(text).toContain('Right!');
      expect(text).toContain(`Score ${i}/${i} · streak ${i}`);
      expect(JSON.stringify(result)).toMatch(/\]\(https:\/\//);
      if (i < 5) card = await press(result, 'Next question', where);
      else {
        expect(text).toContain('Round over: 5 of 5 right');
        expect(askButtons(result).map((b) => b.title)).toEqual(['New round', 'My progress']);
      }
    }
    const before = JSON.stringify(await progress.get(aliceKey));
    const late = await press(first, 'AWS', where);
    expect(cardTexts(late).join('\n')).toContain('already answered');
    expect(JSON.stringify(await progress.get(aliceKey))).toBe(before);

    const mine = cardTexts(await say('progress', where)).join('\n');
    expect(mine).toContain('Questions answered: 5 (5 right, 0 missed)');
  });

  it('answers a forged quiz payload with a clear message and scores nothing', async () => {
    const where = personalChat(TEAMS_IDS.bob);
    expect(cardTexts(await say('quiz', where, TEAMS_IDS.bob)).join('\n')).toContain('Question 1 of 5');
    const key = `teams:${TEAMS_IDS.bob.aadObjectId}`;
    const before = JSON.stringify(await progress.get(key));
    expect(before).toContain('"seen":0');
    const { sent } = await h.turn(
      click(
        { type: 'Action.Submit', title: 'x', data: { srm: 'ask', text: 'quiz answer 1 1 maybe' } },
        { serviceUrl: h.connector.serviceUrl, where, from: TEAMS_IDS.bob },
      ),
    );
    expect(cardTexts(checked(sent[0])).join('\n')).toContain('nothing was scored');
    expect(JSON.stringify(await progress.get(key))).toBe(before);
  });
});
