import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelId } from '../../../src/adapters/teams/ask-team.js';
import { renderCard } from '../../../src/adapters/teams/render/reply.js';
import { ORG } from '../../../src/core/answer/messages.js';
import { hashUser } from '../../../src/feedback.js';
import { engine, orgEngine } from '../../helpers/engine.js';
import { channelThread, message, TEAMS_IDS, type Where } from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import {
  type CardButton,
  cardButtons,
  cardTexts,
  click,
  onlyCard,
  srmData,
} from '../../helpers/teams/cards.js';
import type { ConnectorCall } from '../../helpers/teams/fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

/** The ownership file in Teams: "On our side" on answer cards, "Ask <team>" and "owners rds". */

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ engine: orgEngine() });
});
afterAll(async () => {
  await h.close();
});

/** The example file's Database Platform channel, from its link. */
const DB_CHANNEL = '19:dbplatform0123456789abcdef@thread.tacv2';

async function answer(text: string, where: Where = channelThread()) {
  const { sent } = await h.turn(message({ serviceUrl: h.connector.serviceUrl, where, text }));
  const card = onlyCard(sent[0] as ConnectorCall);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return { where, card };
}

const askTeamButton = (card: unknown): CardButton | undefined =>
  cardButtons(card).find((b) => srmData(b)?.srm === 'ask_team');

describe('answer cards with an ownership file', () => {
  it('show "On our side" linked to the team channel, with the runbook, and an Ask button', async () => {
    const { card } = await answer('who picks the rds maintenance window');
    const line = cardTexts(card).find((t) => t.includes(ORG.onOurSide));
    expect(line).toMatch(
      /^👥 \*\*On our side:\*\* \[Database Platform\]\(https:\/\/teams\.microsoft\.com\/l\/channel\/19%3Adbplatform.*\) \(#db-platform, db-oncall@example\.com\), \[runbook\]\(https:\/\/wiki\.example\.com\/runbooks\/databases\)$/,
    );
    expect(askTeamButton(card)?.title).toBe('Ask Database Platform');
  });

  it('no button for a team without a Teams channel, none on an AWS answer', async () => {
    const storage = await answer('who sets the rds backup retention');
    expect(cardTexts(storage.card).join('\n')).toContain('Storage and Backup');
    expect(askTeamButton(storage.card)).toBeUndefined();
    const aws = await answer('who patches the rds database engine');
    expect(cardTexts(aws.card).join('\n')).not.toContain(ORG.onOurSide);
    expect(askTeamButton(aws.card)).toBeUndefined();
  });

  it('without a file, cards are exactly as before', () => {
    const r = engine().respond({ text: 'who picks the rds maintenance window', conversationKey: 'plain' });
    const card = renderCard(r).content;
    expect(cardTexts(card).join('\n')).not.toContain(ORG.onOurSide);
    expect(askTeamButton(card)).toBeUndefined();
  });
});

describe('Ask <team>', () => {
  it("posts the question, the answer and the mentioned asker in the team's channel, and tells the asker", async () => {
    const { where, card } = await answer('who picks the rds maintenance window');
    const button = askTeamButton(card);
    if (!button) throw new Error('no Ask button');
    const { result, sent } = await h.turn(click(button, { serviceUrl: h.connector.serviceUrl, where }));
    expect(result.status).toBe(200);
    const post = sent.find((c) => c.conversationId === DB_CHANNEL);
    // A proactive post in the channel itself (botbuilder gives it a random activity id, not the click's).
    expect(post?.replyToId).not.toBe(where.id);
    const text = String(post?.activity.text);
    expect(text).toContain(`**${ORG.askedHeading('Database Platform')}**`);
    expect(text).toContain(
      `<at>${TEAMS_IDS.alice.name}</at> asked: **who picks the rds maintenance window**`,
    );
    expect(text).toMatch(/The bot answered:_ You \(the customer\): Choosing the maintenance window/);
    expect(post?.activity.entities).toEqual([
      {
        type: 'mention',
        text: `<at>${TEAMS_IDS.alice.name}</at>`,
        mentioned: { id: TEAMS_IDS.alice.id, name: TEAMS_IDS.alice.name },
      },
    ]);
    const told = sent.find((c) => c.conversationId === where.id);
    expect(told?.activity.text).toBe(ORG.sent('Database Platform', 'their Teams channel'));
    expect(h.logs.filter((l) => l.msg === 'asked a team').at(-1)).toMatchObject({
      platform: 'teams',
      team: TEAMS_IDS.tenant,
      askedTeam: 'db-platform',
      userHash: hashUser(TEAMS_IDS.alice.id),
    });
    expect(h.feedbackRecords().at(-1)).toMatchObject({
      verdict: 'ask_team',
      askedTeam: 'db-platform',
      platform: 'teams',
      team: TEAMS_IDS.tenant,
      userHash: hashUser(TEAMS_IDS.alice.id),
      question: 'who picks the rds maintenance window',
      answerKey: null,
    });
  });

  it('a duty no rule covers offers the default team (Security Engineering)', async () => {
    const { card } = await answer('who deletes kms keys');
    expect(askTeamButton(card)?.title).toBe('Ask Security Engineering');
  });

  it('a forged team id posts nothing and says so', async () => {
    const where = channelThread();
    const { sent } = await h.turn(
      click(
        {
          type: 'Action.Submit',
          title: 'x',
          data: {
            srm: 'ask_team',
            team: 'nobody',
            question: 'q',
            answer: 'a',
            meta: {
              intent: 'who_owns',
              service: null,
              topic: null,
              owner: null,
              control: null,
              confidence: 1,
            },
          },
        },
        { serviceUrl: h.connector.serviceUrl, where },
      ),
    );
    expect(sent.map((c) => c.activity.text)).toEqual([ORG.unknownTeam]);
  });

  it('reads the channel id from a channel link or takes the id as it is', () => {
    expect(
      channelId('https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/General?groupId=1&tenantId=2'),
    ).toBe('19:abc@thread.tacv2');
    expect(channelId('19:abc@thread.tacv2')).toBe('19:abc@thread.tacv2');
  });
});

describe('owners rds', () => {
  it("shows the company's owners of a service", async () => {
    const { card } = await answer('owners rds');
    const text = cardTexts(card).join('\n');
    expect(text).toContain('Our owners for Amazon RDS:');
    expect(text).toContain('Database Platform (#db-platform, db-oncall@example.com)');
  });
});
