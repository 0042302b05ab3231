import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { loadConfig } from '../../src/app/config.js';
import { ConfigError } from '../../src/kb/errors.js';
import { startFakeSlack } from '../helpers/slack/fake-slack.js';
import { SIGNING_SECRET } from '../helpers/slack/requests.js';

const MAIN = join(PACKAGE_ROOT, 'dist/src/app/server.js');

/** `npm start` as a process that is expected to refuse to start: its exit code and what it said. */
function refusedStart(env: Record<string, string>): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 15_000,
    input: '',
  });
  return { code: r.status, stderr: r.stderr };
}

/** The same, asynchronously, with a fake Slack answering the start-up token check so listen() is reached. */
async function refusedListen(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const fake = await startFakeSlack();
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [MAIN], {
        env: { PATH: process.env.PATH ?? '', ...SLACK, SLACK_API_URL: fake.apiUrl, ...env },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('exit', (code) => resolve({ code, stderr }));
    });
  } finally {
    await fake.close();
  }
}

const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
};

describe('settings errors name the variable (src/app/config.ts, src/app/http.ts, src/app/boot.ts)', () => {
  it('refuses NODE_ENV=production with neither Slack nor Teams, instead of exiting 0 silently', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV=production/);
    const r = refusedStart({ NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NODE_ENV=production/);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('refuses unauthenticated Teams unless HOST is set to a loopback address', () => {
    const attempt = (env: Record<string, string>) => () =>
      loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', ...env });
    expect(attempt({})).toThrow(ConfigError);
    expect(attempt({})).toThrow(/HOST/);
    expect(attempt({ HOST: '0.0.0.0' })).toThrow(/HOST/);
    expect(attempt({ HOST: '10.0.0.5' })).toThrow(/HOST/);
    for (const HOST of ['127.0.0.1', '::1', 'localhost']) {
      expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', HOST }).teams?.allowUnauthenticated).toBe(
        true,
      );
    }
  });

  it('names PORT when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await refusedListen({ PORT: String(port), HOST: '127.0.0.1' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`PORT ${port} is already in use`));
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      blocker.close();
    }
  });

  it('names HOST when it is not an address of this machine', async () => {
    const r = await refusedListen({ PORT: '0', HOST: '203.0.113.77' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HOST "203\.0\.113\.77"/);
  });

  it('refuses an empty intents folder, naming SRM_INTENTS_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-no-intents-'));
    try {
      const r = refusedStart({ ...SLACK, SRM_INTENTS_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/SRM_INTENTS_DIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
