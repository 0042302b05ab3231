import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../../src/adapters/teams/render/limits.js';
import { renderCard } from '../../../src/adapters/teams/render/reply.js';
import { hashUser } from '../../../src/feedback.js';
import { freshEngine } from '../../helpers/engine.js';
import { channelThread, message, personalChat, TEAMS_IDS } from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import {
  askButtons,
  cardTexts,
  click,
  feedbackData,
  liveLinkTo,
  onlyCard,
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

/** The card the core's reply renders to, asked of a separate engine: the adapter must add nothing. */
function expectedCard(text: string) {
  return renderCard(freshEngine().respond({ text, conversationKey: 'expected' })).content;
}

function onlyReply(sent: ConnectorCall[]): ConnectorCall {
  expect(sent, JSON.stringify(sent.map((s) => s.activity))).toHaveLength(1);
  return sent[0] as ConnectorCall;
}

function expectValidCard(call: ConnectorCall): Record<string, unknown> {
  const card = onlyCard(call);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return card;
}

describe('questions in Teams', () => {
  it('answers a mention in a channel with an Adaptive Card in the thread: AWS patches RDS', async () => {
    const where = channelThread();
    const activity = message({ serviceUrl: h.connector.serviceUrl, where, text: 'who patches RDS?' });
    const { result, sent } = await h.turn(activity);
    expect(result.status).toBe(200);
    const reply = onlyReply(sent);
    expect(reply.conversationId).toBe(where.id);
    expect(reply.replyToId).toBe(activity.id);
    expect(reply.activity.type).toBe('message');
    expect((reply.activity.attachments as Array<{ contentType: string }>)[0]?.contentType).toBe(
      ADAPTIVE_CARD_CONTENT_TYPE,
    );
    const card = expectValidCard(reply);
    expect(card).toEqual(expectedCard('who patches RDS?'));
    expect(feedbackData(card)?.meta).toMatchObject({ service: 'rds', topic: 'patching', owner: 'aws' });
    expect(cardTexts(card).join('\n')).toMatch(
      /Applying database engine and OS patches on Amazon RDS is AWS's job/,
    );
    // A plain-text summary for notifications; no `text`, which Teams would show above the card.
    expect(reply.activity.summary).toMatch(/AWS/);
    expect(reply.activity.text).toBeUndefined();
  });

  it('answers in a 1:1 chat, where there is no mention', async () => {
    const where = personalChat();
    const { sent } = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where, text: 'do I patch my EC2 instances?' }),
    );
    const card = expectValidCard(onlyReply(sent));
    expect(onlyReply(sent).conversationId).toBe(where.id);
    expect(feedbackData(card)?.meta).toMatchObject({ service: 'ec2', topic: 'patching', owner: 'customer' });
  });

  it.each([
    ['the mention entity Teams sends', 'srm', true],
    ['a display name with a space', 'srm bot', true],
    ['a mention without its entity', 'srm bot', false],
  ])('strips the bot mention: %s', async (_what, mention, mentionEntity) => {
    const { sent } = await h.turn(
      message({
        serviceUrl: h.connector.serviceUrl,
        where: channelThread(),
        text: 'who patches RDS?',
        mention,
        mentionEntity,
      }),
    );
    const data = feedbackData(expectValidCard(onlyReply(sent)));
    expect(data?.question).toBe('who patches rds');
    expect(data?.meta).toMatchObject({ service: 'rds', topic: 'patching' });
  });

  it('keeps follow-up context per conversation and person', async () => {
    const where = channelThread();
    const serviceUrl = h.connector.serviceUrl;
    await h.turn(message({ serviceUrl, where, text: 'who patches RDS?' }));
    const followUp = await h.turn(message({ serviceUrl, where, text: 'and lambda?' }));
    expect(feedbackData(expectValidCard(onlyReply(followUp.sent)))?.meta).toMatchObject({
      service: 'lambda',
      topic: 'patching',
    });
    // Bob, in the same thread, did not ask about patching: "and lambda?" means nothing more for him.
    const bob = await h.turn(message({ serviceUrl, where, text: 'and lambda?', from: TEAMS_IDS.bob }));
    const bobCard = expectValidCard(onlyReply(bob.sent));
    expect(feedbackData(bobCard)?.meta.topic ?? null).not.toBe('patching');
    // Nor does the same question in another thread.
    const elsewhere = await h.turn(message({ serviceUrl, where: channelThread(), text: 'and lambda?' }));
    expect(feedbackData(expectValidCard(onlyReply(elsewhere.sent)))?.meta.topic ?? null).not.toBe('patching');
  });

  it('offers "did you mean" buttons for a weak match, records it, and answers the chosen one saying who asked', async () => {
    const where = channelThread();
    const serviceUrl = h.connector.serviceUrl;
    const asked = await h.turn(message({ serviceUrl, where, text: 'who pacthes rsd' }));
    const card = expectValidCard(onlyReply(asked.sent));
    expect(card).toEqual(expectedCard('who pacthes rsd'));
    const choices = askButtons(card);
    expect(choices.map((c) => c.text)).toContain('who is responsible for patching and updates on RDS');
    expect(h.feedbackRecords()).toContainEqual(
      expect.objectContaining({ verdict: 'unanswered', platform: 'teams', question: 'who pacthes rsd' }),
    );

    const choice = choices.find((c) => /RDS/.test(c.text));
    if (!choice) throw new Error('no RDS choice');
    const clicked = await h.turn(
      click(choice, { serviceUrl, where, from: TEAMS_IDS.bob, replyToId: onlyReply(asked.sent).replyToId }),
    );
    expect(clicked.result.status).toBe(200);
    const answer = expectValidCard(onlyReply(clicked.sent));
    expect(onlyReply(clicked.sent).conversationId).toBe(where.id);
    expect(feedbackData(answer)?.meta).toMatchObject({ service: 'rds', topic: 'patching', owner: 'aws' });
    expect(cardTexts(answer).join('\n')).toContain('Bob Example');
  });

  it('records questions that ended in a fallback, with a hashed user', async () => {
    const { sent } = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: 'best pizza in town?' }),
    );
    expectValidCard(onlyReply(sent));
    const record = h.feedbackRecords().find((r) => r.question.includes('pizza'));
    expect(record).toMatchObject({
      verdict: 'unanswered',
      platform: 'teams',
      team: TEAMS_IDS.tenant,
      userHash: hashUser(TEAMS_IDS.alice.id),
    });
    expect(JSON.stringify(h.feedbackRecords())).not.toContain(TEAMS_IDS.alice.id);
  });

  it.each(['help', 'service rds', 'model', 'controls', 'srm service lambda'])(
    'answers the command menu\'s "%s" like the core does',
    async (text) => {
      const { sent } = await h.turn(
        message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text }),
      );
      expect(expectValidCard(onlyReply(sent))).toEqual(expectedCard(text));
    },
  );

  it("answers an empty message with the core's answer to it", async () => {
    const { sent } = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where: channelThread(), text: '' }),
    );
    expect(expectValidCard(onlyReply(sent))).toEqual(expectedCard(''));
  });
});

describe('escaping', () => {
  it('never renders a link typed by the user, nor another mention', async () => {
    const { sent } = await h.turn(
      message({
        serviceUrl: h.connector.serviceUrl,
        where: channelThread(),
        text: 'who patches [x](https://evil.example) <at>Bob</at>',
      }),
    );
    const card = expectValidCard(onlyReply(sent));
    for (const text of cardTexts(card)) expect(text).not.toMatch(liveLinkTo('evil.example'));
    expect(JSON.stringify(card)).not.toContain('<at>');
  });

  it("never renders a link in the clicker's display name", async () => {
    const where = channelThread();
    const mallory = { id: '29:1mallory', name: '[Mallory](https://evil.example)', aadObjectId: 'm' };
    const clicked = await h.turn(
      click(
        { type: 'Action.Submit', title: 'Who patches RDS?', data: { srm: 'ask', text: 'who patches RDS?' } },
        { serviceUrl: h.connector.serviceUrl, where, from: mallory },
      ),
    );
    const card = expectValidCard(onlyReply(clicked.sent));
    expect(feedbackData(card)?.meta).toMatchObject({ service: 'rds' });
    expect(cardTexts(card).join('\n')).toContain('Mallory');
    for (const text of cardTexts(card)) expect(text).not.toMatch(liveLinkTo('evil.example'));
  });
});
