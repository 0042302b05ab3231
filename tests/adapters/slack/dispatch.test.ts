import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, LogLevel, type Receiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeOnce, slackDispatch } from '../../../src/adapters/slack/dispatch.js';

/**
 * src/adapters/slack/dispatch.ts hands a checked, parsed request to a Bolt app the way Bolt's HTTPReceiver
 * does (tested here on a bare app, with none of srm-bot's middleware, which acks whatever a listener did
 * not): the same answers for url_verification, ack bodies, double acks, retries, errors and requests
 * nobody acks.
 */
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
const noReceiver: Receiver = { init() {}, start: async () => undefined, stop: async () => undefined };

let server: Server;
let url = '';
const seen: Array<{ retryNum?: number; retryReason?: string; secondAck?: string }> = [];
const marked = serializeOnce({ response_type: 'ephemeral' as const, text: 'kept' });

beforeAll(async () => {
  const app = new App({
    receiver: noReceiver,
    logger: quiet,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B0', botUserId: 'U0' }),
  });
  app.command('/object', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'an object' }));
  app.command('/string', async ({ ack }) => ack('plain words'));
  app.command('/empty', async ({ ack }) => ack());
  app.command('/kept', async ({ ack }) => ack(marked));
  app.command('/twice', async ({ ack }) => {
    await ack();
    const err = await ack().catch((e: { code?: string }) => e.code);
    seen.push({ secondAck: String(err) });
  });
  app.command('/throws', async () => {
    throw new Error('listener failed before its ack');
  });
  app.command('/silent', async () => {});
  app.event('app_mention', async ({ context }) => {
    seen.push({ retryNum: context.retryNum, retryReason: context.retryReason });
  });
  const dispatch = slackDispatch(app, quiet);
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => void dispatch(req, res, JSON.parse(raw) as Record<string, unknown>));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = async (body: object, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const command = (name: string) => ({
  command: name,
  text: '',
  team_id: 'T0',
  channel_id: 'C0',
  user_id: 'U1',
  response_url: 'http://127.0.0.1:9/unused',
  trigger_id: 't',
});

describe('Slack dispatch (the receiver path of srm-bot HTTP mode)', () => {
  it('answers url_verification with its challenge', async () => {
    const res = await post({ type: 'url_verification', challenge: 'c-1', token: 't' });
    expect(res).toMatchObject({ status: 200, text: '{"challenge":"c-1"}' });
    expect(res.type).toMatch(/application\/json/);
  });

  it('sends an ack body as Bolt does: an object as JSON, a string as it is, nothing as an empty 200', async () => {
    const object = await post(command('/object'));
    expect(object.status).toBe(200);
    expect(object.type).toMatch(/application\/json/);
    expect(JSON.parse(object.text)).toEqual({ response_type: 'ephemeral', text: 'an object' });
    expect(await post(command('/string'))).toMatchObject({ status: 200, text: 'plain words', type: null });
    expect(await post(command('/empty'))).toMatchObject({ status: 200, text: '' });
  });

  it('sends a body marked serializeOnce with the JSON made when it was marked', async () => {
    const res = await post(command('/kept'));
    expect(res.type).toMatch(/application\/json/);
    expect(res.text).toBe('{"response_type":"ephemeral","text":"kept"}');
  });

  it('refuses a second ack with ReceiverMultipleAckError', async () => {
    expect((await post(command('/twice'))).status).toBe(200);
    await expect
      .poll(() => seen.find((s) => s.secondAck)?.secondAck)
      .toBe(ErrorCode.ReceiverMultipleAckError);
  });

  it('gives listeners the retry headers as context.retryNum and context.retryReason', async () => {
    const event = {
      type: 'event_callback',
      team_id: 'T0',
      event_id: 'Ev1',
      event: { type: 'app_mention', user: 'U1', text: 'hi', channel: 'C0', ts: '1.1' },
    };
    expect(
      (await post(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status,
    ).toBe(200);
    await expect
      .poll(() => seen.find((s) => s.retryNum !== undefined))
      .toEqual({ retryNum: 2, retryReason: 'http_timeout' });
  });

  it("answers 500 when a listener fails before acking (Bolt's default error handling)", async () => {
    expect((await post(command('/throws'))).status).toBe(500);
  });

  it('answers 404 after about 3 s when nothing acks', async () => {
    const started = Date.now();
    expect((await post(command('/silent'))).status).toBe(404);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  }, 10_000);
});
