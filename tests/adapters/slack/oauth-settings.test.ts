import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/kb/errors.js';
import type { Env } from '../../../src/settings.js';

/** The settings that choose one workspace (SLACK_BOT_TOKEN) or many (the OAuth settings). */
const OAUTH: Env = {
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'a-client-secret',
  SLACK_STATE_SECRET: 'x'.repeat(32),
  SLACK_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
  SLACK_SIGNING_SECRET: 'a-signing-secret',
};

function problems(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('Slack settings: one workspace or many', () => {
  it('the four OAuth settings and the signing secret give the many-workspace mode, no bot token needed', () => {
    const slack = loadConfig(OAUTH).slack;
    expect(slack?.mode).toBe('http');
    expect(slack?.botToken).toBe('');
    expect(slack?.oauth?.clientId).toBe(OAUTH.SLACK_CLIENT_ID);
    expect(slack?.oauth?.tokenKey).toEqual(Buffer.alloc(32, 7));
  });

  it('takes SLACK_TOKEN_KEY as 64 hex characters or base64 (standard or URL-safe)', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    for (const raw of [key.toString('hex'), key.toString('base64'), key.toString('base64url')]) {
      expect(loadConfig({ ...OAUTH, SLACK_TOKEN_KEY: raw }).slack?.oauth?.tokenKey).toEqual(key);
    }
  });

  it('one workspace is unchanged: SLACK_BOT_TOKEN alone has no OAuth part', () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack;
    expect(slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 's',
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('names each missing OAuth setting and what it is, when only some are set', () => {
    const p = problems({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: 's' });
    expect(p).toHaveLength(3);
    expect(p[0]).toMatch(/^SLACK_CLIENT_SECRET is required for many workspaces \(OAuth\): .*Client Secret/);
    expect(p[1]).toMatch(/^SLACK_STATE_SECRET is required .*random string/);
    expect(p[2]).toMatch(/^SLACK_TOKEN_KEY is required .*32 random bytes/);
  });

  it('refuses a malformed SLACK_TOKEN_KEY or a short SLACK_STATE_SECRET, without printing them', () => {
    const p = problems({ ...OAUTH, SLACK_TOKEN_KEY: 'too-short-key', SLACK_STATE_SECRET: 'short-secret' });
    expect(p.some((x) => /^SLACK_TOKEN_KEY must be exactly 32 bytes, .*64 hex .*44 base64/.test(x))).toBe(
      true,
    );
    expect(p.some((x) => /^SLACK_STATE_SECRET must be at least 32 characters/.test(x))).toBe(true);
    expect(p.join('\n')).not.toMatch(/too-short-key|short-secret/);
    // 32 bytes of hex is not 32 bytes: 16 bytes written as 32 hex characters.
    expect(problems({ ...OAUTH, SLACK_TOKEN_KEY: 'ab'.repeat(16) })).toHaveLength(1);
  });

  it('refuses SLACK_BOT_TOKEN together with the OAuth settings, naming both', () => {
    const p = problems({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      /SLACK_BOT_TOKEN and SLACK_CLIENT_ID, .*SLACK_TOKEN_KEY are both set: choose one mode/,
    );
  });

  it('refuses Socket Mode with the OAuth settings, saying why', () => {
    const p = problems({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' });
    expect(
      p.some((x) => /^SLACK_APP_TOKEN \(Socket Mode\) cannot be combined with the OAuth settings/.test(x)),
    ).toBe(true);
    const q = problems({ ...OAUTH, SLACK_MODE: 'socket' });
    expect(q.some((x) => /^SLACK_MODE=socket cannot be combined/.test(x))).toBe(true);
  });

  it('needs the signing secret with OAuth too', () => {
    const { SLACK_SIGNING_SECRET: _, ...rest } = OAUTH;
    expect(problems(rest)).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is required in HTTP mode/)]);
  });
});
