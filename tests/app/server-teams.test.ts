import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { appMention, eventCallback, postEvent, SIGNING_SECRET } from '../helpers/slack/requests.js';
import { message, personalChat } from '../helpers/teams/activities.js';
import { onlyCard } from '../helpers/teams/cards.js';
import { type FakeConnector, startFakeConnector } from '../helpers/teams/fake-connector.js';
import { postRaw } from '../helpers/teams/harness.js';

const MAIN = join(PACKAGE_ROOT, 'dist/src/app/server.js');

/** `npm start` with Slack (HTTP mode) and Teams settings: both on one server and one port. */
describe('the server process with Slack and Teams', () => {
  let slack: FakeSlack;
  let connector: FakeConnector;
  let server: ServerProcess;
  let base = '';

  beforeAll(async () => {
    slack = await startFakeSlack();
    connector = await startFakeConnector();
    server = await startServerProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    });
    base = server.base;
  });

  afterAll(async () => {
    server.kill();
    await slack.close();
    await connector.close();
  });

  it('serves /slack/events and /api/messages on one port', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', routes: ['/slack/events', '/api/messages'] });
  });

  it('warns loudly, in a JSON log line, that Teams is unauthenticated', () => {
    const warning = server
      .stderr()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.setting === 'TEAMS_ALLOW_UNAUTHENTICATED');
    expect(warning).toMatchObject({ level: 40, platform: 'teams' });
  });

  it('answers a Teams message on /api/messages with a card', async () => {
    const where = personalChat();
    const res = await postRaw(
      `${base}/api/messages`,
      JSON.stringify(message({ serviceUrl: connector.serviceUrl, where, text: 'who patches RDS?' })),
    );
    expect(res.status).toBe(200);
    const call = await connector.waitFor(() => connector.callsIn(where.id)[0], 'the Teams reply');
    expect(JSON.stringify(onlyCard(call))).toMatch(/AWS/);
  });

  it('answers a Slack mention on /slack/events in the same process', async () => {
    const mention = appMention({ text: '<@U0BOT> who patches RDS?' });
    const res = await postEvent(`${base}/slack/events`, eventCallback(mention));
    expect(res.status).toBe(200);
    const post = await slack.waitFor(() => slack.callsTo('chat.postMessage')[0], 'the Slack reply');
    expect(post.args.thread_ts).toBe(mention.ts);
  });

  it('stays up after a malformed activity', async () => {
    expect((await postRaw(`${base}/api/messages`, '{}')).status).toBe(400);
    expect((await postRaw(`${base}/api/messages`, 'not json')).status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('shuts down on SIGTERM and exits 0', async () => {
    const done = server.exited();
    server.child.kill('SIGTERM');
    expect(await done).toBe(0);
  });
});

describe('the server process with Teams settings refused', () => {
  it('refuses to start with TEAMS_ALLOW_UNAUTHENTICATED=true when NODE_ENV=production, naming the variable', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      cwd: mkdtempSync(join(tmpdir(), 'srm-main-prod-')),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot start \(CONFIG_INVALID\)/);
    expect(run.stderr).toMatch(/TEAMS_ALLOW_UNAUTHENTICATED/);
    expect(run.stdout).toBe('');
  });
});

describe('the server process when the Teams connector never answers', () => {
  it('shuts down within SRM_SHUTDOWN_DEADLINE_SECONDS instead of waiting forever, and says so', async () => {
    const connector = await startFakeConnector();
    connector.hang();
    const server = await startServerProcess({
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      SRM_SHUTDOWN_DEADLINE_SECONDS: '1',
    });
    try {
      const where = personalChat();
      const pending = postRaw(
        `${server.base}/api/messages`,
        JSON.stringify(message({ serviceUrl: connector.serviceUrl, where, text: 'who patches RDS?' })),
      ).catch(() => null);
      // The bot is now waiting on the connector for its reply.
      await connector.waitFor(() => connector.callsIn(where.id)[0], 'the reply the connector holds');
      const t0 = Date.now();
      const done = server.exited();
      server.child.kill('SIGTERM');
      // Work still in progress at the deadline: exit 1, named in the log.
      expect(await done).toBe(1);
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(5_000);
      expect(server.stderr()).toContain('shutdown deadline passed');
      await pending;
    } finally {
      server.kill();
      await connector.close();
    }
  });
});
