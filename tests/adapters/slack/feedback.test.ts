import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback, encodeFeedback } from '../../../src/adapters/slack/actions.js';
import { SLACK_REPLIES } from '../../../src/adapters/slack/text.js';
import { PACKAGE_ROOT } from '../../../src/app/boot.js';
import { ORG } from '../../../src/core/answer/messages.js';
import type { ContextualEngine } from '../../../src/core/engine.js';
import { type FeedbackLog, hashUser } from '../../../src/feedback.js';
import { answeredKey } from '../../../src/store/report.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { STORE_TUNABLES } from '../../../src/store/tunables.js';
import type { Report, Store } from '../../../src/store/types.js';
import { orgEngine } from '../../helpers/engine.js';
import {
  buttons,
  nativeFeedback,
  type SlackHarness,
  startSlackHarness,
} from '../../helpers/slack/harness.js';
import {
  buttonClick,
  directMessage,
  eventCallback,
  feedbackClick,
  IDS,
  nextTs,
  postCommand,
  postEvent,
  postInteraction,
  slashCommand,
} from '../../helpers/slack/requests.js';

const value = encodeFeedback(
  { intent: 'who_owns', service: 'rds', topic: 'patching', owner: 'aws', control: null, confidence: 0.9 },
  'who patches rds',
);

describe('Slack feedback clicks: written, then acknowledged (src/adapters/slack/listeners/feedback.ts)', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const click = (harness: SlackHarness, id: string) =>
    postInteraction(
      harness.url,
      buttonClick({
        actionId: ACTION.helpful,
        value,
        responseUrl: harness.fake.responseUrl(id),
        where: { kind: 'message', channel: 'C0FB', ts: nextTs() },
      }),
    );

  it('acknowledges a click only after its record is written', async () => {
    const events: string[] = [];
    const slow: FeedbackLog = {
      async record() {
        await new Promise((r) => setTimeout(r, 300));
        events.push('written');
      },
    };
    h = await startSlackHarness({ feedback: slow });
    const res = await click(h, 'slow');
    events.push('acked');
    expect(res.status).toBe(200);
    expect(events).toEqual(['written', 'acked']);
  });

  it('says the feedback was not saved when the write fails, instead of the generic apology', async () => {
    const broken: FeedbackLog = {
      async record() {
        throw new Error('EACCES: permission denied');
      },
    };
    const harness = await startSlackHarness({ feedback: broken });
    h = harness;
    expect((await click(harness, 'broken')).status).toBe(200);
    const reply = await harness.fake.waitFor(
      () => harness.fake.responses.find((r) => r.id === 'broken'),
      'the reply',
    );
    expect(reply.body.text).toBe(SLACK_REPLIES.feedbackNotSaved);
    await new Promise((r) => setTimeout(r, 200));
    expect(harness.fake.responses.filter((r) => r.id === 'broken')).toHaveLength(1);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('one verdict per person and answer (issue 16 item 4): the real Bolt app over a SQLite store', () => {
  let h: SlackHarness | undefined;
  let store: Store | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await store?.close();
    store = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const begin = async (engine?: ContextualEngine) => {
    dir = mkdtempSync(join(tmpdir(), 'srm-one-verdict-'));
    store = await openSqliteStore(join(dir, STORE_TUNABLES.sqliteFile), { sweepIntervalMs: 0 });
    const harness = await startSlackHarness({ store, ...(engine ? { engine } : {}) });
    h = harness;
    return { harness, store, dir };
  };
  const everything = (s: Store) => s.feedback.rows(new Date(0), new Date(Date.now() + 60_000));
  /** `srm report --json` run as a process on the same state folder, as an operator would. */
  const srm = (stateDir: string, ...args: string[]): string => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/src/app/cli.js'), 'report', ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', SRM_STATE_DIR: stateDir },
      timeout: 20_000,
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const srmReport = (stateDir: string): Report => JSON.parse(srm(stateDir, '--json')) as Report;

  it("keeps 👎 after 👍 on the same answer, counted once by srm report; another person's thumb is theirs", async () => {
    const { harness, store: s, dir: stateDir } = await begin();
    const channel = 'D0ONEVERDICT';
    await postEvent(harness.url, eventCallback(directMessage({ text: 'who patches rds', channel })));
    const answer = await harness.fake.waitFor(
      () => harness.fake.callsTo('chat.postMessage').find((c) => c.args.channel === channel),
      'the answer',
    );
    const thumbs = nativeFeedback(answer.args);
    if (!thumbs) throw new Error('the answer has no native thumbs');
    const ts = nextTs(); // the answer's ts, as Slack sends it back with each click on it
    const thumb = (value: string, id: string, user?: string) =>
      postInteraction(
        harness.url,
        feedbackClick({
          actionId: thumbs.action_id,
          value,
          responseUrl: harness.fake.responseUrl(id),
          channel,
          ts,
          ...(user ? { user } : {}),
        }),
      );

    // Written before the ack: each row is in the store once the click's 200 is back.
    expect((await thumb(thumbs.positive, 'up')).status).toBe(200);
    expect((await everything(s)).map((r) => r.verdict)).toEqual(['helpful']);
    expect((await thumb(thumbs.negative, 'down')).status).toBe(200);
    const rows = await everything(s);
    expect(rows.map((r) => [r.userHash, r.verdict])).toEqual([[hashUser(IDS.user), 'not_quite']]);
    const answered = answeredKey(decodeFeedback(thumbs.negative)?.meta ?? null);
    expect(answered).toBeTruthy();

    // Bob's thumb on the same answer is a verdict of his own; Alice's stays.
    expect((await thumb(thumbs.positive, 'bob-up', IDS.otherUser)).status).toBe(200);
    const both = await everything(s);
    expect(both.map((r) => [r.userHash, r.verdict])).toEqual([
      [hashUser(IDS.user), 'not_quite'],
      [hashUser(IDS.otherUser), 'helpful'],
    ]);
    expect(new Set(both.map((r) => r.answerKey)).size).toBe(2);

    // The same click on another answer (another message) is another verdict.
    const elsewhere = await postInteraction(
      harness.url,
      feedbackClick({
        actionId: thumbs.action_id,
        value: thumbs.negative,
        responseUrl: harness.fake.responseUrl('other-answer'),
        channel,
        ts: nextTs(),
      }),
    );
    expect(elsewhere.status).toBe(200);
    expect(await everything(s)).toHaveLength(3);

    // srm report, from another process on the same SQLite file: Alice's 👎 counted once per answer.
    const report = srmReport(stateDir);
    expect(report.total).toBe(2);
    expect(report.groups).toEqual([
      {
        answered,
        unanswered: 0,
        notQuite: 2,
        total: 2,
        questions: [{ question: 'who patches rds', verdict: 'not_quite', count: 2 }],
      },
    ]);
  });

  it('keeps the latest of "Helpful" then "Not quite" on one ephemeral answer, and back again', async () => {
    const { harness, store: s } = await begin();
    const messageTs = nextTs();
    const click = async (actionId: string, id: string) => {
      const payload = buttonClick({
        actionId,
        value,
        responseUrl: harness.fake.responseUrl(id),
        where: { kind: 'ephemeral', channel: 'C0EPHEMERAL' },
      });
      // Both clicks are on one ephemeral answer: Slack sends its ts in the container each time.
      const container = { ...(payload.container as Record<string, unknown>), message_ts: messageTs };
      const res = await postInteraction(harness.url, { ...payload, container });
      expect(res.status).toBe(200);
      return (await everything(s)).map((r) => r.verdict);
    };
    expect(await click(ACTION.helpful, 'helpful')).toEqual(['helpful']);
    expect(await click(ACTION.notQuite, 'not-quite')).toEqual(['not_quite']);
    expect(await click(ACTION.helpful, 'helpful-again')).toEqual(['helpful']);
    // Each click is still thanked as before.
    await harness.fake.waitFor(
      () => harness.fake.responses.find((r) => r.id === 'not-quite'),
      'the "not quite" thanks',
    );
    expect((await s.feedback.report(new Date(0), new Date(Date.now() + 60_000))).total).toBe(0);
  });

  it('stores each "Ask <team>" with the file\'s team, and srm report counts the questions per team', async () => {
    const { harness, store: s, dir: stateDir } = await begin(orgEngine());
    const askButton = async (text: string, id: string) => {
      const res = await postCommand(
        harness.url,
        slashCommand({ text, responseUrl: harness.fake.responseUrl(id) }),
      );
      const ask = buttons(JSON.parse(res.body) as Record<string, unknown>).find(
        (b) => b.action_id === ACTION.askTeam,
      );
      if (!ask) throw new Error(`no Ask button for ${text}`);
      return ask.value;
    };
    const press = async (value: string, id: string, user?: string) => {
      const res = await postInteraction(
        harness.url,
        buttonClick({
          actionId: ACTION.askTeam,
          value,
          responseUrl: harness.fake.responseUrl(id),
          where: { kind: 'ephemeral' },
          ...(user ? { user } : {}),
        }),
      );
      expect(res.status).toBe(200);
      return (await harness.fake.waitFor(() => harness.fake.responses.find((r) => r.id === id), id)).body
        .text;
    };
    const window = await askButton('who picks the rds maintenance window', 'ask-window');
    const backups = await askButton('who sets the rds backup retention', 'ask-backups');
    expect(await press(window, 'pressed-1')).toBe(ORG.sent('Database Platform', '#db-platform'));
    await press(window, 'pressed-2', IDS.otherUser);
    await press(backups, 'pressed-3');

    // Forged values write nothing: a team the file does not have, or labels that are not the knowledge base's.
    const forged = JSON.parse(window) as Record<string, unknown>;
    expect(await press(JSON.stringify({ ...forged, t: 'nobody' }), 'forged-team')).toBe(ORG.unknownTeam);
    expect(
      await press(
        JSON.stringify({ ...forged, m: { ...(forged.m as object), topic: 'root-access' } }),
        'forged-meta',
      ),
    ).toBe(ORG.unknownTeam);

    const asks = (await everything(s)).filter((r) => r.verdict === 'ask_team');
    expect(asks.map((r) => r.askedTeam)).toEqual(['db-platform', 'db-platform', 'storage']);

    const report = srmReport(stateDir);
    expect(report.total).toBe(0);
    expect(report.teams.map((t) => [t.team, t.total, t.questions.map((q) => [q.question, q.count])])).toEqual(
      [
        ['db-platform', 2, [['who picks the rds maintenance window', 2]]],
        ['storage', 1, [['who sets the rds backup retention', 1]]],
      ],
    );
    const table = srm(stateDir);
    expect(table).toMatch(/Questions sent to teams \(3\):/);
    expect(table).toMatch(/^db-platform\s+2$/m);
    expect(table).toMatch(/^storage\s+1$/m);
  });
});

describe('Slack feedback values are checked field by field (issue 18 item 11)', () => {
  const forged = (meta: Record<string, unknown>) => JSON.stringify({ m: meta, q: 'who patches rds' });
  const good = {
    intent: 'who_owns',
    service: 'rds',
    topic: 'patching',
    owner: 'aws',
    control: null,
    confidence: 0.9,
  };

  it.each([
    ['an unknown intent', { ...good, intent: 'drop_tables' }],
    ['a service id with markup', { ...good, service: '<script>' }],
    ['an unknown topic', { ...good, topic: 'root-access' }],
    ['an owner that is not one', { ...good, owner: 'nobody' }],
    ['a confidence out of range', { ...good, confidence: 7 }],
    ['a duty key that is not one', { ...good, duty: 'rds.x; DROP TABLE' }],
  ])('refuses %s', (_, meta) => {
    expect(decodeFeedback(forged(meta))).toBeNull();
  });

  it('keeps only the known fields of a good value', () => {
    const v = decodeFeedback(forged({ ...good, duty: 'rds.maintenance-window', extra: 'x' }));
    expect(v?.meta).toEqual({ ...good, duty: 'rds.maintenance-window' });
  });
});
