import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_TUNABLES } from '../../../src/adapters/slack/tunables.js';
import { openMemoryStore } from '../../../src/store/memory.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/types.js';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack/harness.js';
import {
  appMention,
  buttonClick,
  eventCallback,
  postCommand,
  postEvent,
  postInteraction,
  signedHeaders,
  slashCommand,
} from '../../helpers/slack/requests.js';

/** Signed raw bodies, sent as they are (postEvent would JSON.stringify them). */
async function postRaw(url: string, raw: string, type = 'application/json', timestamp?: number) {
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: signedHeaders(raw, type, timestamp === undefined ? {} : { timestamp }),
    body: raw,
  });
  return { status: res.status, ms: Date.now() - started, text: await res.text() };
}

describe('Slack front door (src/adapters/slack/front-door.ts): what is refused before Bolt', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function stillAnswers(): Promise<void> {
    const before = h.fake.callsTo('chat.postMessage').length;
    const res = await postEvent(h.url, eventCallback(appMention({ text: '<@U0BOT> who patches RDS?' })));
    expect(res.status).toBe(200);
    await h.fake.waitFor(
      () => (h.fake.callsTo('chat.postMessage').length > before ? true : undefined),
      'an answer after the hostile request',
    );
  }

  it('answers a correctly signed JSON null with 400 and keeps serving', async () => {
    const res = await postRaw(h.url, 'null');
    expect(res.status).toBe(400);
    await stillAnswers();
  });

  it.each([
    ['an array', '[1,2,3]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['an object without a type', '{"a":1}'],
    ['an event_callback whose event is null', '{"type":"event_callback","event":null}'],
    [
      'a deep nest',
      `{"type":"event_callback","event":{"type":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    ],
    ['not JSON', '{"type":'],
  ])('answers a signed body that is %s with a prompt 4xx', async (_name, raw) => {
    const res = await postRaw(h.url, raw);
    expect(res.status).toBe(400);
    expect(res.ms).toBeLessThan(1000);
  });

  it('refuses signed payloads that are not objects, and forms with neither a command nor a payload', async () => {
    for (const raw of ['payload=null', 'payload=%5B%5D', 'payload=%7B%7D', 'hello=1', '']) {
      const res = await postRaw(h.url, raw, 'application/x-www-form-urlencoded');
      expect(res.status, raw).toBe(400);
    }
    await stillAnswers();
  });

  it('answers 200 at once to signed requests no listener handles: unknown buttons, views, shortcuts, unknown types', async () => {
    const unknownButton = buttonClick({
      actionId: 'not_ours',
      value: 'x',
      responseUrl: h.fake.responseUrl('unknown-button'),
      where: { kind: 'ephemeral' },
    });
    const payloads = [
      unknownButton,
      { type: 'view_submission', user: { id: 'U0ALICE' }, view: { id: 'V1', callback_id: 'nope' } },
      { type: 'shortcut', callback_id: 'nope', user: { id: 'U0ALICE' }, trigger_id: 't' },
      { type: 'message_action', callback_id: 'nope', user: { id: 'U0ALICE' }, channel: { id: 'C1' } },
      { type: 'something_new', user: { id: 'U0ALICE' } },
    ];
    for (const p of payloads) {
      const started = Date.now();
      const res = await postInteraction(h.url, p);
      expect(res.status, String(p.type)).toBe(200);
      expect(Date.now() - started, String(p.type)).toBeLessThan(1000);
    }
    const app = await postRaw(h.url, JSON.stringify({ type: 'app_rate_limited', team_id: 'T1' }));
    expect(app.status).toBe(200);
    expect(app.ms).toBeLessThan(1000);
    expect(h.fake.responses.filter((r) => r.id === 'unknown-button')).toHaveLength(0);
  });

  it('refuses a timestamp an hour or a day in the future, as well as in the past', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ts of [now + 3600, now + 86_400, now + 301, now - 3600]) {
      const body = eventCallback(appMention({ text: '<@U0BOT> who patches RDS?' }));
      const res = await postEvent(h.url, body, { timestamp: ts });
      expect(res.status, String(ts - now)).toBe(401);
    }
    const near = await postEvent(h.url, eventCallback(appMention({ text: '<@U0BOT> hi' })), {
      timestamp: now + 60,
    });
    expect(near.status).toBe(200);
  });

  it('answers the same signed slash command sent twice inside the window once', async () => {
    // /srm answers inside its acknowledgement: the answer is the body of the HTTP 200.
    const fields = slashCommand({ text: 'who patches RDS?', responseUrl: h.fake.responseUrl('replay') });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postCommand(h.url, fields, { timestamp });
    const second = await postCommand(h.url, fields, { timestamp });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body).toMatch(/Amazon RDS/);
    expect(second.body).not.toMatch(/Amazon RDS/);
    // A new request (new timestamp, so a new signature) is answered again.
    const third = await postCommand(h.url, fields, { timestamp: timestamp + 1 });
    expect(third.body).toMatch(/Amazon RDS/);
    expect(h.fake.responses.filter((r) => r.id === 'replay')).toHaveLength(0);
  });

  it('refuses a body over the size cap before reading it, signed or not, and refuses unsigned bodies unread', async () => {
    const big = Buffer.alloc(SLACK_TUNABLES.maxBodyBytes + 1, 'a');
    const send = (headers: Record<string, string>, body: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = request(h.url, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', (err) => ((err as { code?: string }).code === 'EPIPE' ? undefined : reject(err)));
        req.end(body);
      });
    const signed = signedHeaders(big.toString(), 'application/json');
    expect(await send({ ...signed, 'content-length': String(big.length) }, big)).toBe(413);
    expect(await send({ 'content-type': 'application/json' }, big)).toBe(401);
    // A body that lies about its length is cut off at the cap too.
    const chunked = { ...signed, 'transfer-encoding': 'chunked' };
    expect(await send(chunked, big)).toBe(413);
    await stillAnswers();
  });

  it("answers Slack's unsigned ssl_check", async () => {
    const res = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=x',
    });
    expect(res.status).toBe(200);
  });
});

describe('Slack replays through the real server, on each kind of store', () => {
  const ask = (h: SlackHarness, id: string) =>
    slashCommand({ text: 'who patches RDS?', responseUrl: h.fake.responseUrl(id) });

  it('on SQLite, answers a signed command once, and still refuses its replay after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-replay-server-'));
    const file = join(dir, 'srm.sqlite');
    const timestamp = Math.floor(Date.now() / 1000);
    let store = await openSqliteStore(file, { sweepIntervalMs: 0 });
    let h = await startSlackHarness({ store });
    const fields = ask(h, 'sqlite');
    try {
      const first = await postCommand(h.url, fields, { timestamp });
      const again = await postCommand(h.url, fields, { timestamp });
      expect(first.body).toMatch(/Amazon RDS/);
      expect(again.status).toBe(200);
      expect(again.body).not.toMatch(/Amazon RDS/);
      await h.close();
      await store.close();
      // A new process on the same state: the claim was written after the answer, and is found.
      store = await openSqliteStore(file, { sweepIntervalMs: 0 });
      h = await startSlackHarness({ store });
      const afterRestart = await postCommand(h.url, fields, { timestamp });
      expect(afterRestart.status).toBe(200);
      expect(afterRestart.body).not.toMatch(/Amazon RDS/);
      const fresh = await postCommand(h.url, fields, { timestamp: timestamp + 1 });
      expect(fresh.body).toMatch(/Amazon RDS/);
    } finally {
      await h.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('where replicas share the store (no local claims, as on PostgreSQL), the store refuses the replay', async () => {
    const memory = await openMemoryStore({ sweepIntervalMs: 0 });
    const store: Store = {
      ...memory,
      claims: { claim: (key, ttlMs) => memory.claims.claim(key, ttlMs) },
    };
    const a = await startSlackHarness({ store });
    const b = await startSlackHarness({ store });
    try {
      const fields = ask(a, 'shared');
      const timestamp = Math.floor(Date.now() / 1000);
      const first = await postCommand(a.url, fields, { timestamp });
      const onTheOther = await postCommand(b.url, fields, { timestamp });
      expect(first.body).toMatch(/Amazon RDS/);
      expect(onTheOther.status).toBe(200);
      expect(onTheOther.body).not.toMatch(/Amazon RDS/);
    } finally {
      await a.close();
      await b.close();
      await memory.close();
    }
  });
});
