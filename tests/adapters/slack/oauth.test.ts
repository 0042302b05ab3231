import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../../src/adapters/slack/oauth/installer.js';
import { createSealer } from '../../../src/adapters/slack/oauth/seal.js';
import { openPostgresStore } from '../../../src/store/postgres.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/types.js';
import { type PostgresCluster, postgresAvailability, startPostgres } from '../../helpers/postgres.js';
import { FAKE_OAUTH, type FakeSlack, startFakeSlack } from '../../helpers/slack/fake-slack.js';
import {
  install,
  mentionFrom,
  type OAuthHarness,
  startInstall,
  startOAuthHarness,
  workspaceEvent,
} from '../../helpers/slack/oauth-harness.js';

/**
 * Many workspaces: Bolt's own OAuth install flow and installer (unmodified SDK, real HTTP on 127.0.0.1),
 * the installations sealed in the project's store, against a fake Slack that records the token of each
 * call. The same story runs on SQLite and on a real PostgreSQL server.
 */

const T1 = {
  teamId: 'T0ONE',
  teamName: 'One',
  botToken: 'xoxb-one-1',
  botId: 'B0ONE',
  botUserId: 'U0BOTONE',
};
const T2 = {
  teamId: 'T0TWO',
  teamName: 'Two',
  botToken: 'xoxb-two-1',
  botId: 'B0TWO',
  botUserId: 'U0BOTTWO',
};
const T3 = {
  teamId: 'T0THREE',
  teamName: 'Three',
  botToken: 'xoxb-three-1',
  botId: 'B0THREE',
  botUserId: 'U0BOTTHREE',
  refreshToken: 'xoxe-1-three-1',
  // Expires within Bolt's two-hour refresh window: the next request refreshes it first.
  expiresIn: 600,
};

const { bin, skip: noPostgres } = postgresAvailability();
let dir: string;
let cluster: PostgresCluster | undefined;
let pgDatabases = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'srm-oauth-'));
  if (!noPostgres) cluster = await startPostgres(bin);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const engines: Array<{ name: string; skip: boolean; open: () => Promise<Store> }> = [
  {
    name: 'SQLite',
    skip: false,
    open: () =>
      openSqliteStore(join(dir, `srm-${Date.now()}-${Math.random()}.sqlite`), { sweepIntervalMs: 0 }),
  },
  {
    name: 'PostgreSQL',
    skip: noPostgres,
    async open() {
      if (!cluster) throw new Error('PostgreSQL did not start');
      return openPostgresStore(await cluster.createDatabase(`oauth_${++pgDatabases}`), {
        sweepIntervalMs: 0,
      });
    },
  },
];

/** The chat.postMessage calls in `channel`, with the token each used. */
const postsIn = (fake: FakeSlack, channel: string) =>
  fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

describe.each(engines)('many workspaces (OAuth) on $name', ({ skip, open }) => {
  let fake: FakeSlack;
  let store: Store;
  let h: OAuthHarness;
  beforeAll(async () => {
    if (skip) return;
    fake = await startFakeSlack();
    store = await open();
    h = await startOAuthHarness(fake, store);
  });
  afterAll(async () => {
    await h?.close();
    await store?.close();
    await fake?.close();
  });
  afterEach(() => {
    if (!skip) expect(fake.violations).toEqual([]);
  });

  it.skipIf(skip)(
    'installs in two workspaces, answers each with its own token, and ignores a workspace once it uninstalls',
    async () => {
      const events = `${h.base}/slack/events`;

      // /slack/install sends the browser to Slack's consent page, asking for the manifest's bot scopes.
      const { location } = await startInstall(h.base);
      expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
      expect(location.searchParams.get('client_id')).toBe(FAKE_OAUTH.clientId);
      expect(location.searchParams.get('scope')?.split(',')).toEqual(manifestBotScopes());

      const one = await install(h.base, fake, 'code-one', T1);
      expect(one.status).toBe(200);
      expect(one.body).toContain('srm-bot is now in One');
      const exchange = fake.callsTo('oauth.v2.access').at(-1);
      expect(exchange?.args).toMatchObject({ code: 'code-one', client_id: FAKE_OAUTH.clientId });

      // Stored for T1, sealed: no token in clear, and it opens with the key into Bolt's installation.
      const row = await store.installations.get(T1.teamId);
      expect(row).toBeDefined();
      expect(row).not.toContain('xoxb-');
      expect(row).not.toContain(T1.botToken);
      const opened = JSON.parse(createSealer(h.tokenKey).open(row as string, T1.teamId));
      expect(opened).toMatchObject({
        team: { id: T1.teamId },
        bot: { token: T1.botToken, userId: T1.botUserId },
      });

      // An event from T1 is answered with T1's token.
      expect((await mentionFrom(events, T1, 'who patches RDS?', 'C0ONE')).status).toBe(200);
      const answer1 = await fake.waitFor(() => postsIn(fake, 'C0ONE')[0], 'the answer in T1');
      expect(answer1.token).toBe(T1.botToken);
      expect(JSON.stringify(answer1.args)).toMatch(/RDS/);

      // A second workspace, answered with its own token.
      expect((await install(h.base, fake, 'code-two', T2)).status).toBe(200);
      expect(await store.installations.get(T2.teamId)).toBeDefined();
      expect((await mentionFrom(events, T2, 'who patches RDS?', 'C0TWO')).status).toBe(200);
      const answer2 = await fake.waitFor(() => postsIn(fake, 'C0TWO')[0], 'the answer in T2');
      expect(answer2.token).toBe(T2.botToken);

      // T1 uninstalls: its installation is deleted.
      expect((await workspaceEvent(events, T1, { type: 'app_uninstalled' })).status).toBe(200);
      await fake.waitFor(
        () => h.logs.find((l) => l.installation === T1.teamId && /installation deleted/.test(String(l.msg))),
        'the uninstall log line',
      );
      expect(await store.installations.get(T1.teamId)).toBeUndefined();

      // T1's next event is acknowledged and ignored, with one clear log line; T2 is still answered.
      const before = fake.calls.length;
      expect((await mentionFrom(events, T1, 'who patches EC2?', 'C0ONE')).status).toBe(200);
      const ignored = h.logs.filter((l) => l.code === 'SLACK_NOT_INSTALLED' && l.installation === T1.teamId);
      expect(ignored).toHaveLength(1);
      expect(String(ignored[0]?.msg)).toMatch(/not installed .*ignored/);
      expect((await mentionFrom(events, T2, 'who patches EC2?', 'C0TWO')).status).toBe(200);
      await fake.waitFor(() => postsIn(fake, 'C0TWO')[1], 'the second answer in T2');
      expect(postsIn(fake, 'C0ONE')).toHaveLength(1);
      expect(fake.calls.slice(before).every((c) => c.token !== T1.botToken)).toBe(true);
      expect(postsIn(fake, 'C0TWO').map((c) => c.token)).toEqual([T2.botToken, T2.botToken]);

      // tokens_revoked for T2's bot token deletes T2's installation as well.
      const revoked = { type: 'tokens_revoked', tokens: { bot: [T2.botUserId] } };
      expect((await workspaceEvent(events, T2, revoked)).status).toBe(200);
      await waitUntil(async () => (await store.installations.get(T2.teamId)) === undefined, 'T2 deleted');
    },
  );

  it.skipIf(skip)(
    'refreshes an expiring bot token through oauth.v2.access (token rotation), stores the new pair sealed and uses it',
    async () => {
      const events = `${h.base}/slack/events`;
      expect((await install(h.base, fake, 'code-three', T3)).status).toBe(200);
      fake.rotate(T3.refreshToken, {
        botToken: 'xoxb-three-2',
        refreshToken: 'xoxe-1-three-2',
        expiresIn: 43_200,
      });

      expect((await mentionFrom(events, T3, 'who patches RDS?', 'C0THREE')).status).toBe(200);
      const answer = await fake.waitFor(() => postsIn(fake, 'C0THREE')[0], 'the answer in T3');
      const refreshes = fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]?.args.refresh_token).toBe(T3.refreshToken);
      expect(answer.token).toBe('xoxb-three-2');

      const row = (await store.installations.get(T3.teamId)) as string;
      expect(row).not.toMatch(/xoxb-|xoxe-/);
      const opened = JSON.parse(createSealer(h.tokenKey).open(row, T3.teamId));
      expect(opened.bot).toMatchObject({ token: 'xoxb-three-2', refreshToken: 'xoxe-1-three-2' });
      expect(opened.bot.expiresAt).toBeGreaterThan(Date.now() / 1000 + 43_000);

      // The new token lasts 12 hours: the next request uses it without refreshing again.
      expect((await mentionFrom(events, T3, 'who patches EC2?', 'C0THREE')).status).toBe(200);
      const next = await fake.waitFor(() => postsIn(fake, 'C0THREE')[1], 'the second answer in T3');
      expect(next.token).toBe('xoxb-three-2');
      expect(
        fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token'),
      ).toHaveLength(1);
    },
  );
});

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the install pages when the flow goes wrong (SQLite)', () => {
  let fake: FakeSlack;
  let store: Store;
  let h: OAuthHarness;
  beforeAll(async () => {
    fake = await startFakeSlack();
    store = (await engines[0]?.open()) as Store;
    h = await startOAuthHarness(fake, store);
  });
  afterAll(async () => {
    await h?.close();
    await store?.close();
    await fake?.close();
  });

  const redirect = (query: string, cookie?: string) =>
    fetch(`${h.base}/slack/oauth_redirect?${query}`, {
      headers: cookie ? { cookie } : {},
      redirect: 'manual',
    }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.text() }));

  it('a forged state, or a state from another browser (no cookie), gets "expired", 400, nothing stored', async () => {
    const { state, cookie } = await startInstall(h.base);
    fake.grant('code-x', T1);
    const forged = await redirect('code=code-x&state=forged', 'slack-app-oauth-state=forged');
    expect(forged.status).toBe(400);
    expect(forged.type).toMatch(/text\/html/);
    expect(forged.body).toContain('This install link has expired');
    const noCookie = await redirect(`code=code-x&state=${encodeURIComponent(state)}`);
    expect(noCookie.status).toBe(400);
    expect(noCookie.body).toContain('This install link has expired');
    const mismatch = await redirect(`code=code-x&state=${encodeURIComponent(state)}x`, cookie);
    expect(mismatch.status).toBe(400);
    expect(fake.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await store.installations.get(T1.teamId)).toBeUndefined();
  });

  it('a redirect without a code, or without a state, gets a clear 400 page', async () => {
    const { state, cookie } = await startInstall(h.base);
    const noCode = await redirect(`state=${encodeURIComponent(state)}`, cookie);
    expect(noCode.status).toBe(400);
    expect(noCode.body).toContain('Slack did not send an authorization code');
    const noState = await redirect('code=code-y');
    expect(noState.status).toBe(400);
    expect(noState.body).toContain('This install link has expired');
  });

  it("Cancel on Slack's consent page (error=access_denied) says nothing was installed", async () => {
    const { state, cookie } = await startInstall(h.base);
    const denied = await redirect(`error=access_denied&state=${encodeURIComponent(state)}`, cookie);
    expect(denied.status).toBe(200);
    expect(denied.body).toContain('Installation cancelled');
    expect(denied.body).toContain('Nothing was installed');
  });

  it('a code Slack refuses gets a 500 page with a reference that is in the log, and the server keeps serving', async () => {
    const { state, cookie } = await startInstall(h.base);
    const failed = await redirect(`code=never-granted&state=${encodeURIComponent(state)}`, cookie);
    expect(failed.status).toBe(500);
    const ref = /reference: ([0-9a-z-]+)\./i.exec(failed.body)?.[1];
    expect(ref).toBeDefined();
    expect(h.logs.some((l) => l.correlationId === ref && l.msg === 'slack: install failed')).toBe(true);
    expect(failed.body).not.toMatch(/invalid_code|stack|Error:/);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });

  it('an installation sealed with another SLACK_TOKEN_KEY is not used: a clear log line, no answer, no crash', async () => {
    expect((await install(h.base, fake, 'code-key', T2)).status).toBe(200);
    // A second server over the same store with a different key, as after changing SLACK_TOKEN_KEY.
    const other = await startOAuthHarness(fake, store);
    try {
      const res = await mentionFrom(`${other.base}/slack/events`, T2, 'who patches RDS?', 'C0KEY');
      expect(res.status).toBe(200);
      const line = other.logs.find((l) => l.code === 'SLACK_INSTALLATION_UNREADABLE');
      expect(line).toBeDefined();
      expect(JSON.stringify(line)).toMatch(/SLACK_TOKEN_KEY/);
      expect(postsIn(fake, 'C0KEY')).toHaveLength(0);
      expect((await fetch(`${other.base}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
    // The server with the right key still answers T2.
    expect((await mentionFrom(`${h.base}/slack/events`, T2, 'who patches RDS?', 'C0KEY')).status).toBe(200);
    const answer = await fake.waitFor(() => postsIn(fake, 'C0KEY')[0], 'the answer with the right key');
    expect(answer.token).toBe(T2.botToken);
  });
});
