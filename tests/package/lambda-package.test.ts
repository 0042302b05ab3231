import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { SIGNING_SECRET, signedHeaders, urlVerification } from '../helpers/slack/requests.js';

/**
 * `scripts/package-lambda.sh`, the README's packaging step, into a temporary folder: the package holds
 * no development dependency, fits Lambda's 250 MB, and its handler, loaded from the package alone by a
 * plain `node` outside the repository, answers a signed Slack request with its SQLite store in /tmp.
 */
describe('the Lambda package', () => {
  let out = '';
  let fake: FakeSlack;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'srm-lambda-pkg-')), 'package');
    execFileSync(join(PACKAGE_ROOT, 'scripts/package-lambda.sh'), [out], { stdio: 'pipe' });
    fake = await startFakeSlack();
  }, 240_000);
  afterAll(async () => {
    await fake?.close();
    if (out) rmSync(join(out, '..'), { recursive: true, force: true });
  });

  it('holds the runtime dependencies only, and fits in 250 MB unzipped', () => {
    for (const dep of ['@slack/bolt', 'better-sqlite3', 'pg', 'natural'])
      expect(existsSync(join(out, 'node_modules', dep)), dep).toBe(true);
    for (const dev of ['vitest', 'typescript', '@biomejs/biome', 'autocannon'])
      expect(existsSync(join(out, 'node_modules', dev)), dev).toBe(false);
    const kb = Number(execFileSync('du', ['-sk', out], { encoding: 'utf8' }).split('\t')[0]);
    expect(kb * 1024).toBeLessThan(250 * 1024 * 1024);
  });

  it('loads the handler from the package alone and answers a signed request', async () => {
    const body = JSON.stringify(urlVerification('packaged'));
    const h = signedHeaders(body, 'application/json');
    const event = {
      httpMethod: 'POST',
      path: '/slack/events',
      headers: {
        'Content-Type': 'application/json',
        'X-Slack-Request-Timestamp': h['x-slack-request-timestamp'],
        'X-Slack-Signature': h['x-slack-signature'],
      },
      body,
      isBase64Encoded: false,
    };
    const stateDir = join(out, '..', 'state');
    const script = `import('./dist/src/app/lambda.js').then(async (m) => {
      const r = await m.handler(${JSON.stringify(event)}, {});
      process.stdout.write(JSON.stringify(r));
    });`;
    // Asynchronously: the fake Slack answering the handler's auth.test runs in this process.
    const r = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: out,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        SRM_STATE_DIR: stateDir,
        LOG_LEVEL: 'silent',
      },
    });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: 'packaged' });
    expect(existsSync(join(stateDir, 'srm.sqlite'))).toBe(true); // the native SQLite module loaded
  }, 60_000);
});
