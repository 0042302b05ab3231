import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../../helpers/server-process.js';
import { message, personalChat } from '../../helpers/teams/activities.js';
import { postRaw, startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

const APP = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
};

describe('Teams, unauthenticated (the Emulator mode): replies only on this machine', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses an activity whose serviceUrl is not a loopback address, and posts nothing anywhere', async () => {
    for (const serviceUrl of [
      'https://attacker.example/',
      'http://10.0.0.1:8080/',
      'http://169.254.169.254/',
      'nope',
    ]) {
      const res = await h.post(message({ serviceUrl, where: personalChat(), text: 'who patches RDS?' }));
      expect(res.status, serviceUrl).toBe(403);
    }
    expect(h.connector.requests).toEqual([]);
    const ok = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: 'hi' }),
    );
    expect(ok.result.status).toBe(200);
    expect(ok.sent.length).toBeGreaterThan(0);
  });
});

describe('Teams with an app id: the token is checked before the body is read', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ env: APP });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 401, not 400 or 413, to a body that is not JSON or too large when there is no bearer token', async () => {
    expect((await postRaw(h.url, '{not json')).status).toBe(401);
    expect((await postRaw(h.url, 'x'.repeat(1_000_000))).status).toBe(401);
    expect((await postRaw(h.url, 'null', { authorization: 'Bearer' })).status).toBe(401);
    expect((await postRaw(h.url, 'null', { authorization: `Bearer ${'a'.repeat(10_000)}` })).status).toBe(
      401,
    );
  });
});

describe('the server process: botbuilder’s console output on bad tokens', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ ...APP });
  });
  afterAll(() => server?.kill());

  it('becomes one JSON log line per bad token, without the stack', async () => {
    const activity = message({
      serviceUrl: 'https://smba.trafficmanager.net/teams/',
      where: personalChat(),
      text: 'hi',
    });
    for (let i = 0; i < 3; i++) {
      const res = await postRaw(`${server.base}/api/messages`, JSON.stringify(activity), {
        authorization: 'Bearer not.a.token',
      });
      expect(res.status).toBe(401);
    }
    // The log lines reach the pipe a moment after the responses: wait for them, not for luck.
    const consoleLines = () =>
      server
        .stderr()
        .trim()
        .split('\n')
        .filter((l) => l.includes('"console"'));
    await expect.poll(() => consoleLines().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const lines = server.stderr().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const printed = lines
      .map((l) => JSON.parse(l) as { msg?: string; console?: string })
      .filter((l) => l.console);
    expect(printed.length).toBeGreaterThanOrEqual(3);
    for (const l of printed) expect(l.console).not.toContain('\n');
  });
});
