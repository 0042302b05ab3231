import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackStartupError } from '../../../src/adapters/slack/index.js';
import type { AdapterState } from '../../../src/adapters/state.js';
import { loadConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/kb/errors.js';
import { type FakeSlack, startFakeSlack } from '../../helpers/slack/fake-slack.js';
import { memoryLogger, slackConfig, testEngine } from '../../helpers/slack/harness.js';
import { memoryState } from '../../helpers/state.js';

let fake: FakeSlack;
beforeAll(async () => {
  state = (await memoryState()).state;
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});

let state: AdapterState;
const deps = () => ({ engine: testEngine(), logger: memoryLogger().logger, state });

describe('Slack settings and start-up', () => {
  it('names each missing or malformed Slack setting and what is expected', () => {
    const err = (() => {
      try {
        loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).message;
    expect(text).toContain('SLACK_BOT_TOKEN must start with xoxb-');
    expect(text).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(text).not.toContain('xoxp-user-token'); // never prints a secret's value
  });

  it('refuses to build the HTTP adapter without a signing secret, naming the variable', () => {
    expect(() =>
      createSlackAdapter({ config: slackConfig(fake, { signingSecret: undefined }), ...deps() }),
    ).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('refuses to build the Socket Mode adapter without an app token, naming the variable', () => {
    expect(() =>
      createSlackAdapter({ config: slackConfig(fake, { mode: 'socket', appToken: undefined }), ...deps() }),
    ).toThrow(/SLACK_APP_TOKEN/);
  });

  it('makes no Slack call when constructed, and checks the token with auth.test through SLACK_API_URL on start', async () => {
    const before = fake.calls.length;
    const adapter = createSlackAdapter({ config: slackConfig(fake), ...deps() });
    expect(fake.calls.length).toBe(before);
    await adapter.start();
    const calls = fake.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(calls[0]?.token).toBe('xoxb-test');
    await adapter.stop();
  });

  it('fails start-up with a clear error when Slack refuses the token', async () => {
    const adapter = createSlackAdapter({
      config: slackConfig(fake, { botToken: 'xoxb-revoked' }),
      ...deps(),
    });
    const err = await adapter.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SlackStartupError);
    expect((err as SlackStartupError).code).toBe('SLACK_AUTH_FAILED');
    expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
    expect((err as Error).message).toContain('invalid_auth');
    expect((err as Error).message).not.toContain('xoxb-revoked');
  });

  it('fails start-up with a clear error when the Web API cannot be reached', async () => {
    const closed = await startFakeSlack();
    const apiUrl = closed.apiUrl;
    await closed.close();
    const adapter = createSlackAdapter({ config: slackConfig(fake, { apiUrl }), ...deps() });
    const err = await adapter.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SlackStartupError);
    expect((err as SlackStartupError).code).toBe('SLACK_API_UNREACHABLE');
    expect((err as Error).message).toContain('SLACK_API_URL');
    expect((err as Error).message).toContain(apiUrl);
  });
});
