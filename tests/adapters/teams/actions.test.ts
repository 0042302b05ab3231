import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWelcomeCard } from '../../../src/adapters/teams/render/cards.js';
import { TEAMS_REPLIES } from '../../../src/adapters/teams/text.js';
import { hashUser } from '../../../src/feedback.js';
import { engine } from '../../helpers/engine.js';
import {
  channelThread,
  execute,
  membersAdded,
  message,
  personalChat,
  submit,
  TEAMS_IDS,
  type Where,
} from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import {
  askButtons,
  type CardButton,
  cardButtons,
  cardTexts,
  click,
  feedbackData,
  onlyCard,
  srmData,
} from '../../helpers/teams/cards.js';
import type { ConnectorCall } from '../../helpers/teams/fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h.close();
});

/** Asks a question and returns the answer's card and where it was posted. */
async function answer(text: string, where: Where = channelThread()) {
  const { sent } = await h.turn(message({ serviceUrl: h.connector.serviceUrl, where, text }));
  const call = sent[0] as ConnectorCall;
  return { where, call, card: onlyCard(call) };
}

function feedbackButton(card: unknown, verdict: 'helpful' | 'not_quite'): CardButton {
  const button = cardButtons(card).find((b) => {
    const d = srmData(b);
    return d?.srm === 'feedback' && d.verdict === verdict;
  });
  if (!button) throw new Error(`no ${verdict} button on ${JSON.stringify(card)}`);
  return button;
}

describe('feedback buttons', () => {
  it('records Helpful with the answer labels and a hashed user, and thanks the clicker', async () => {
    const { where, call, card } = await answer('who patches RDS?');
    const { result, sent } = await h.turn(
      click(feedbackButton(card, 'helpful'), {
        serviceUrl: h.connector.serviceUrl,
        where,
        replyToId: call.replyToId,
      }),
    );
    expect(result.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.activity.text).toBe(TEAMS_REPLIES.thanksHelpful);
    expect(h.feedbackRecords().at(-1)).toMatchObject({
      verdict: 'helpful',
      platform: 'teams',
      team: TEAMS_IDS.tenant,
      question: 'who patches rds',
      answered: expect.stringMatching(/^rds[./]/),
      userHash: hashUser(TEAMS_IDS.alice.id),
    });
  });

  it('records Not quite and says it was recorded', async () => {
    const { where, card } = await answer('is S3 encryption on us?');
    const { sent } = await h.turn(
      click(feedbackButton(card, 'not_quite'), {
        serviceUrl: h.connector.serviceUrl,
        where,
        from: TEAMS_IDS.bob,
      }),
    );
    expect(sent[0]?.activity.text).toBe(TEAMS_REPLIES.thanksNotQuite);
    expect(TEAMS_REPLIES.thanksNotQuite).toMatch(/recorded/);
    expect(h.feedbackRecords().at(-1)).toMatchObject({
      verdict: 'not_quite',
      platform: 'teams',
      answered: expect.stringMatching(/^s3[./]/),
      userHash: hashUser(TEAMS_IDS.bob.id),
    });
  });
});

describe('one verdict per person and answer: the latest click on a card wins (issue 16 item 4)', () => {
  it('keeps the last of Helpful / Not quite on one card per person, through Action.Submit and Action.Execute', async () => {
    const { where, call, card } = await answer('who patches RDS?');
    const before = h.feedbackRecords().length;
    // Teams names the message holding the card as the click's replyToId.
    const on = { serviceUrl: h.connector.serviceUrl, where, replyToId: call.id };
    const mine = () => h.feedbackRecords().slice(before);
    const verdicts = () => mine().map((r) => [r.userHash, r.verdict]);
    const alice = hashUser(TEAMS_IDS.alice.id);
    const bob = hashUser(TEAMS_IDS.bob.id);

    await h.turn(click(feedbackButton(card, 'helpful'), on));
    expect(verdicts()).toEqual([[alice, 'helpful']]);
    await h.turn(click(feedbackButton(card, 'not_quite'), on));
    expect(verdicts()).toEqual([[alice, 'not_quite']]);
    // The same card's Universal Action is the same answer.
    const invoke = await h.turn(execute({ ...on, data: srmData(feedbackButton(card, 'helpful')) }));
    expect(invoke.result.status).toBe(200);
    expect(verdicts()).toEqual([[alice, 'helpful']]);
    expect(mine()[0]?.answerKey).toMatch(/^teams:[0-9a-f]{32}$/);

    // Bob's click on that card is his own verdict; a click on another answer is another verdict.
    await h.turn(click(feedbackButton(card, 'not_quite'), { ...on, from: TEAMS_IDS.bob }));
    const other = await answer('is S3 encryption on us?', where);
    await h.turn(click(feedbackButton(other.card, 'not_quite'), { ...on, replyToId: other.call.id }));
    expect(verdicts()).toEqual([
      [alice, 'helpful'],
      [bob, 'not_quite'],
      [alice, 'not_quite'],
    ]);
    expect(new Set(mine().map((r) => r.answerKey)).size).toBe(3);
  });

  it('adds each click when Teams does not say which message the card was on', async () => {
    const { where, card } = await answer('who patches RDS?');
    const before = h.feedbackRecords().length;
    const on = { serviceUrl: h.connector.serviceUrl, where };
    await h.turn(click(feedbackButton(card, 'helpful'), on));
    await h.turn(click(feedbackButton(card, 'not_quite'), on));
    expect(
      h
        .feedbackRecords()
        .slice(before)
        .map((r) => [r.verdict, r.answerKey]),
    ).toEqual([
      ['helpful', null],
      ['not_quite', null],
    ]);
  });
});

describe('follow-up buttons', () => {
  it("answers a clicked follow-up in the same conversation with the clicker's context, saying who asked", async () => {
    const { where, card } = await answer('who patches RDS?', personalChat());
    const followUp = askButtons(card)[0];
    if (!followUp) throw new Error('the answer has no follow-up buttons');
    const { sent } = await h.turn(click(followUp, { serviceUrl: h.connector.serviceUrl, where }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(where.id);
    const next = onlyCard(sent[0] as ConnectorCall);
    expect(validateAdaptiveCard(next)).toEqual([]);
    expect(cardTexts(next).join('\n')).toContain(TEAMS_IDS.alice.name);
  });
});

describe('Universal Actions (adaptiveCard/action invoke)', () => {
  it('answers an ask with an invoke response and posts the answer card', async () => {
    const where = channelThread();
    const { result, sent } = await h.turn(
      execute({ serviceUrl: h.connector.serviceUrl, where, data: { srm: 'ask', text: 'who patches RDS?' } }),
    );
    expect(result.status).toBe(200);
    expect(result.json()).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/AWS/),
    });
    expect(sent).toHaveLength(1);
    const card = onlyCard(sent[0] as ConnectorCall);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(feedbackData(card)?.meta).toMatchObject({ service: 'rds', owner: 'aws' });
  });

  it('records feedback and thanks in the invoke response, posting nothing', async () => {
    const { where, card } = await answer('who patches RDS?');
    const data = srmData(feedbackButton(card, 'not_quite'));
    const before = h.feedbackRecords().length;
    const { result, sent } = await h.turn(execute({ serviceUrl: h.connector.serviceUrl, where, data }));
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: TEAMS_REPLIES.thanksNotQuite,
    });
    expect(sent).toEqual([]);
    expect(h.feedbackRecords().slice(before)).toEqual([
      expect.objectContaining({
        verdict: 'not_quite',
        platform: 'teams',
        answered: expect.stringMatching(/^rds[./]/),
      }),
    ]);
  });

  it('answers data it does not know with an error response, not 501', async () => {
    const { result, sent } = await h.turn(
      execute({ serviceUrl: h.connector.serviceUrl, where: personalChat(), data: { something: 'else' } }),
    );
    expect(result.status).toBe(400);
    expect(result.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(sent).toEqual([]);
  });
});

describe('welcome', () => {
  const welcome = () => renderWelcomeCard(engine().welcome()).content;

  it('posts the welcome card when the bot is added to a team', async () => {
    const where = { kind: 'channel' as const, id: TEAMS_IDS.channel };
    const { result, sent } = await h.turn(
      membersAdded({ serviceUrl: h.connector.serviceUrl, where, added: [{ id: TEAMS_IDS.bot.id }] }),
    );
    expect(result.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(TEAMS_IDS.channel);
    const card = onlyCard(sent[0] as ConnectorCall);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(card).toEqual(welcome());
  });

  it('greets once when installed in a 1:1 chat (the bot and the user are added)', async () => {
    const { sent } = await h.turn(
      membersAdded({
        serviceUrl: h.connector.serviceUrl,
        where: personalChat(),
        added: [{ id: TEAMS_IDS.bot.id }, { id: TEAMS_IDS.alice.id }],
      }),
    );
    expect(sent).toHaveLength(1);
    expect(onlyCard(sent[0] as ConnectorCall)).toEqual(welcome());
  });

  it('posts nothing when someone else joins', async () => {
    const { result, sent } = await h.turn(
      membersAdded({
        serviceUrl: h.connector.serviceUrl,
        where: { kind: 'channel', id: TEAMS_IDS.channel },
        added: [{ id: TEAMS_IDS.bob.id }],
      }),
    );
    expect(result.status).toBe(200);
    expect(sent).toEqual([]);
  });
});

describe('a click on a stale card', () => {
  it('says it does not know the button instead of treating it as an empty question', async () => {
    const where = channelThread();
    const { sent } = await h.turn(
      submit({ serviceUrl: h.connector.serviceUrl, where, value: { srm: 'feedback', verdict: 'maybe' } }),
    );
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.activity)).toContain(TEAMS_REPLIES.unknownAction);
  });
});
