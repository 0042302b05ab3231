import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_TUNABLES } from '../../../src/adapters/teams/tunables.js';
import { message, personalChat } from '../../helpers/teams/activities.js';
import { onlyCard } from '../../helpers/teams/cards.js';
import type { ConnectorCall } from '../../helpers/teams/fake-connector.js';
import { postRaw, startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h.close();
});

async function stillServing(): Promise<void> {
  const health = await fetch(`${h.base}/healthz`);
  expect(health.status).toBe(200);
  const { sent } = await h.turn(
    message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: 'who patches RDS?' }),
  );
  expect(sent).toHaveLength(1);
  expect(onlyCard(sent[0] as ConnectorCall)).toBeTruthy();
}

describe('/api/messages over HTTP', () => {
  it('shares the HTTP server: /healthz lists /api/messages', async () => {
    const res = await fetch(`${h.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', routes: ['/api/messages'] });
  });

  it('refuses a body that is not JSON with 400, and stays up', async () => {
    const res = await postRaw(h.url, '{"type": "message", ');
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/not JSON/);
    await stillServing();
  });

  it.each([
    ['an empty object', {}],
    ['an array', [{ type: 'message' }]],
    ['a number as type', { type: 7 }],
    ['no serviceUrl', { type: 'message', text: 'hi', conversation: { id: 'a:1' } }],
    ['no conversation', { type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.1:9/' }],
  ])(
    'refuses %s with 400 (botbuilder would reject it and end the process), and stays up',
    async (_what, body) => {
      const before = h.connector.requests.length;
      const res = await postRaw(h.url, JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body).toMatch(/not a Bot Framework activity/);
      expect(h.connector.requests.length).toBe(before);
      await stillServing();
    },
  );

  it('refuses a body over the size cap with 413 without parsing it', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(TEAMS_TUNABLES.maxBodyBytes) });
    const res = await postRaw(h.url, big);
    expect(res.status).toBe(413);
    await stillServing();
  });

  it('refuses other methods with 405', async () => {
    const res = await fetch(h.url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers activities it does not handle with 200 and posts nothing', async () => {
    const base = message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: '' });
    for (const extra of [
      { type: 'typing' },
      { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] },
    ]) {
      const before = h.connector.calls.length;
      const res = await postRaw(h.url, JSON.stringify({ ...base, text: undefined, ...extra }));
      expect(res.status).toBe(200);
      expect(h.connector.calls.length).toBe(before);
    }
  });
});
