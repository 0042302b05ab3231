import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/adapters/slack/actions.js';
import { renderReply } from '../../../src/adapters/slack/render/reply.js';
import { ORG } from '../../../src/core/answer/messages.js';
import { hashUser } from '../../../src/feedback.js';
import { engine, orgEngine } from '../../helpers/engine.js';
import { allText, buttons, type SlackHarness, startSlackHarness } from '../../helpers/slack/harness.js';
import {
  buttonClick,
  IDS,
  postCommand,
  postInteraction,
  slashCommand,
} from '../../helpers/slack/requests.js';

/** The ownership file in Slack: "On our side" in answers, "Ask <team>", and `/srm owners rds`. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ engine: orgEngine() });
});
afterAll(async () => {
  expect(h.fake.violations).toEqual([]);
  await h.close();
});

const waitForResponse = (id: string, n = 1) =>
  h.fake.waitFor(() => h.fake.responses.filter((r) => r.id === id)[n - 1], `response #${n} on ${id}`);

/** `/srm <text>`: the ephemeral answer, in the body of the command's acknowledgement. */
async function askPrivately(text: string, id: string) {
  const res = await postCommand(h.url, slashCommand({ text, responseUrl: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe('answers with an ownership file', () => {
  it('a customer duty shows "On our side" with the channel and the runbook link, and an Ask button', async () => {
    const body = await askPrivately('who picks the rds maintenance window', 'org-answer');
    const text = allText(body.blocks);
    expect(text).toContain(
      `*${ORG.onOurSide}:* Database Platform (#db-platform, db-oncall@example.com), <https://wiki.example.com/runbooks/databases|runbook>`,
    );
    const ask = buttons(body).find((b) => b.action_id === ACTION.askTeam);
    expect(ask?.text.text).toBe('Ask Database Platform');
  });

  it('a channel id in the file becomes a channel link', () => {
    const r = engine().respond({ text: 'who picks the rds maintenance window', conversationKey: 'id' });
    if (r.kind !== 'answer') throw new Error('expected an answer');
    const ours = { ...(orgEngine().ourTeam?.('security') ?? fail()), slackChannel: 'C0SECURITY1' };
    expect(allText(renderReply({ ...r, ours }).blocks)).toContain('(<#C0SECURITY1>, security@example.com');
  });

  it('an AWS answer has neither the line nor the button', async () => {
    const body = await askPrivately('who patches the rds database engine', 'org-aws');
    expect(allText(body.blocks)).not.toContain(ORG.onOurSide);
    expect(buttons(body).map((b) => b.action_id)).not.toContain(ACTION.askTeam);
  });

  it('without a file, Slack answers are exactly as before', () => {
    const r = engine().respond({ text: 'who picks the rds maintenance window', conversationKey: 'plain' });
    const body = { ...renderReply(r) };
    expect(allText(body.blocks)).not.toContain(ORG.onOurSide);
    expect(buttons(body).map((b) => b.action_id)).not.toContain(ACTION.askTeam);
  });
});

describe('Ask <team>', () => {
  it("posts the question, the answer and the asker in the team's channel, records it, and tells the asker", async () => {
    const body = await askPrivately('who sets the rds backup retention', 'org-ask');
    const ask = buttons(body).find((b) => b.action_id === ACTION.askTeam);
    expect(ask?.text.text).toBe('Ask Storage and Backup');
    const res = await postInteraction(
      h.url,
      buttonClick({
        actionId: ACTION.askTeam,
        value: ask?.value ?? '',
        responseUrl: h.fake.responseUrl('org-ask-click'),
        where: { kind: 'ephemeral' },
      }),
    );
    expect(res.status).toBe(200);
    const post = await h.fake.waitFor(
      () => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === '#storage'),
      'the post in #storage',
    );
    expect(post.args.text).toBe(
      `${ORG.askedHeading('Storage and Backup')}: <@${IDS.user}> asked: who sets the rds backup retention`,
    );
    const posted = allText(post.args.blocks);
    expect(posted).toContain(`<@${IDS.user}> asked: *who sets the rds backup retention*`);
    expect(posted).toMatch(/The bot answered:_ You \(the customer\): Setting the backup retention/);
    expect(posted).toContain('https://wiki.example.com/runbooks/database-backups');
    const told = await waitForResponse('org-ask-click');
    expect(told.body).toMatchObject({
      response_type: 'ephemeral',
      text: ORG.sent('Storage and Backup', '#storage'),
    });
    const record = await h.fake.waitFor(
      () => h.logs.find((l) => l.msg === 'asked a team'),
      'the ask_team log line',
    );
    expect(record).toMatchObject({
      platform: 'slack',
      team: IDS.team,
      askedTeam: 'storage',
      userHash: hashUser(IDS.user),
      question: 'who sets the rds backup retention',
    });
    expect(JSON.stringify(record)).not.toContain(IDS.user);
    // Stored too: an ask_team row naming the file's team, for srm report's count per team.
    expect(h.feedbackRecords().filter((r) => r.verdict === 'ask_team' && r.askedTeam === 'storage')).toEqual([
      expect.objectContaining({
        platform: 'slack',
        team: IDS.team,
        userHash: hashUser(IDS.user),
        question: 'who sets the rds backup retention',
        answered: expect.stringMatching(/^rds[./]/),
        answerKey: null,
      }),
    ]);
  });

  it('a duty no rule covers gets the default team’s button', async () => {
    const body = await askPrivately('who deletes kms keys', 'org-default');
    expect(buttons(body).find((b) => b.action_id === ACTION.askTeam)?.text.text).toBe(
      'Ask Security Engineering',
    );
  });

  it('a forged value naming no team of the file posts nothing and says so', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    await postInteraction(
      h.url,
      buttonClick({
        actionId: ACTION.askTeam,
        value: JSON.stringify({ t: 'nobody', q: 'x', a: 'y', m: {} }),
        responseUrl: h.fake.responseUrl('org-forged'),
        where: { kind: 'ephemeral' },
      }),
    );
    expect((await waitForResponse('org-forged')).body.text).toBe(ORG.unknownTeam);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('a channel the bot cannot post in: the asker is told, nothing is recorded', async () => {
    const body = await askPrivately('who picks the rds maintenance window', 'org-fail');
    const ask = buttons(body).find((b) => b.action_id === ACTION.askTeam);
    h.fake.failMethod('chat.postMessage', 'not_in_channel');
    try {
      await postInteraction(
        h.url,
        buttonClick({
          actionId: ACTION.askTeam,
          value: ask?.value ?? '',
          responseUrl: h.fake.responseUrl('org-fail-click'),
          where: { kind: 'ephemeral' },
        }),
      );
      expect((await waitForResponse('org-fail-click')).body.text).toBe(ORG.notSent('Database Platform'));
    } finally {
      h.fake.failMethod('chat.postMessage', null);
    }
    expect(h.logs.filter((l) => l.msg === 'asked a team' && l.askedTeam === 'db-platform')).toEqual([]);
    expect(h.feedbackRecords().filter((r) => r.askedTeam === 'db-platform')).toEqual([]);
  });
});

describe('/srm owners rds', () => {
  it("shows the company's owners of a service", async () => {
    const body = await askPrivately('owners rds', 'org-owners');
    const text = allText(body.blocks);
    expect(text).toContain('Our owners for Amazon RDS:');
    expect(text).toContain('Database Platform (#db-platform, db-oncall@example.com)');
    expect(text).toContain('Storage and Backup (#storage');
  });
});

function fail(): never {
  throw new Error('the example file has a security team');
}
