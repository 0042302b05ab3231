import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION, encodeFeedback } from '../../src/adapters/slack/actions.js';
import { type HangingApi, startHangingApi } from '../helpers/hanging-api.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import {
  appMention,
  buttonClick,
  eventCallback,
  nextTs,
  postEvent,
  postInteraction,
  SIGNING_SECRET,
  signedHeaders,
} from '../helpers/slack/requests.js';
import { message, personalChat } from '../helpers/teams/activities.js';
import { postRaw } from '../helpers/teams/harness.js';

/**
 * SIGTERM with platforms that hang: the process is gone within SRM_SHUTDOWN_DEADLINE_SECONDS whatever
 * it was waiting on, and kept-alive connections are told to close. The figures (seconds from SIGTERM to
 * exit) are in each test's name and asserted.
 */
const DEADLINE_S = 1;

describe('shutdown (src/app/server.ts, src/app/http.ts)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(cleanups.map((c) => c()));
  });

  async function start(extra: Record<string, string> = {}): Promise<{ s: ServerProcess; api: HangingApi }> {
    const api = await startHangingApi();
    const server = await startServerProcess({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${api.base}/api/`,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      SRM_SHUTDOWN_DEADLINE_SECONDS: String(DEADLINE_S),
      ...extra,
    });
    cleanups.push(async () => {
      server.kill();
      await api.close();
    });
    return { s: server, api };
  }

  async function secondsToExit(s: ServerProcess): Promise<number> {
    const exited = s.exited();
    const started = Date.now();
    s.child.kill('SIGTERM');
    await exited;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `shutdown: ${expect.getState().currentTestName}: ${seconds.toFixed(2)} s from SIGTERM to exit\n`,
    );
    return seconds;
  }

  it('exits within the deadline while the Slack Web API hangs', async () => {
    const { s, api } = await start();
    await postEvent(
      `${s.base}/slack/events`,
      eventCallback(appMention({ text: '<@U0BOT> who patches RDS?' })),
    );
    await api.waitFor('chat.postMessage');
    const seconds = await secondsToExit(s);
    expect(seconds).toBeLessThan(DEADLINE_S + 1);
    expect(s.stderr()).toMatch(/shutdown deadline passed/);
  });

  it('exits within the deadline while a response_url hangs', async () => {
    const { s, api } = await start();
    // /srm answers inside its ack; a Helpful click thanks the clicker through the response URL.
    const value = encodeFeedback(
      { intent: 'who_owns', service: 'rds', topic: 'patching', owner: 'aws', control: null, confidence: 1 },
      'who patches rds',
    );
    const click = buttonClick({
      actionId: ACTION.helpful,
      value,
      responseUrl: `${api.base}/response/1`,
      where: { kind: 'message', channel: 'C0HANG', ts: nextTs() },
    });
    expect((await postInteraction(`${s.base}/slack/events`, click)).status).toBe(200);
    await api.waitFor('/response/1');
    expect(await secondsToExit(s)).toBeLessThan(DEADLINE_S + 1);
  });

  it('exits within the deadline while the Bot Framework connector hangs', async () => {
    const { s, api } = await start();
    const activity = message({
      text: 'who patches RDS?',
      where: personalChat(),
      serviceUrl: api.base,
    });
    void postRaw(`${s.base}/api/messages`, JSON.stringify(activity)).catch(() => undefined);
    await api.waitFor('/v3/conversations');
    expect(await secondsToExit(s)).toBeLessThan(DEADLINE_S + 1);
  });

  it('exits with code 0 once drained, and tells a kept-alive client whose request was in flight to close', async () => {
    const { s } = await start();
    const agent = new Agent({ keepAlive: true });
    const raw = JSON.stringify({ type: 'url_verification', challenge: 'c', token: 't' });
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(
        `${s.base}/slack/events`,
        { method: 'POST', agent, headers: signedHeaders(raw, 'application/json') },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after SIGTERM: the request is in flight on a kept-alive socket.
      req.write(raw.slice(0, 10));
      setTimeout(async () => {
        s.child.kill('SIGTERM');
        while (!s.stderr().includes('shutting down')) await new Promise((r) => setTimeout(r, 10));
        req.end(raw.slice(10));
      }, 100);
    });
    const exited = s.exited();
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.connection).toBe('close');
    expect(await exited).toBe(0);
    agent.destroy();
  });
});
