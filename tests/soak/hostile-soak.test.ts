import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileRun, loadHostileCorpus, runCorpus } from '../helpers/hostile.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack/requests.js';
import { type FakeConnector, startFakeConnector } from '../helpers/teams/fake-connector.js';

/**
 * `npm run test:soak` (CI): the hostile corpus ten times over, eight requests at a time, after a warm-up
 * pass. The server must not crash, answer a 5xx of its own or take over a second, and its RSS must end
 * within 20% of where it was after the warm-up.
 */
describe('hostile corpus soak', () => {
  let slack: FakeSlack;
  let connector: FakeConnector;
  let server: ServerProcess;
  let run: HostileRun;

  beforeAll(async () => {
    slack = await startFakeSlack();
    connector = await startFakeConnector();
    server = await startServerProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      // A capped heap: V8 otherwise grows lazily (RSS +40% over three rounds with nothing retained), which
      // hides a leak behind garbage not yet collected; capped, garbage is collected and a leak ends in a crash.
      NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS ?? '--max-old-space-size=80',
    });
    run = await runCorpus(server, slack, connector, loadHostileCorpus(), {
      rounds: Number(process.env.SOAK_ROUNDS ?? 10),
      concurrency: 8,
      warmUp: true,
    });
    process.stdout.write(
      `soak: ${run.tried} inputs, statuses ${JSON.stringify(run.statuses)}, slowest ${Math.round(run.slowestMs)} ms, RSS ${run.rssStartKb} → ${run.rssEndKb} kB\n`,
    );
  }, 600_000);

  afterAll(async () => {
    server?.kill();
    await slack?.close();
    await connector?.close();
  });

  it('does not crash, answers no 5xx of ours and nothing slower than 1 s', async () => {
    expect(server.child.exitCode).toBeNull();
    expect(run.fiveHundreds.filter((l) => !(l.startsWith('teams-invokes:') && l.includes('→ 501')))).toEqual(
      [],
    );
    expect(run.slow).toEqual([]);
  });

  it('sends nothing unsafe', () => {
    expect(run.unsafe).toEqual([]);
  });

  it('ends with RSS within 20% of where it was after the warm-up', () => {
    expect(run.rssEndKb).toBeLessThanOrEqual(run.rssStartKb * 1.2);
  });
});
