import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback } from '../../src/adapters/slack/actions.js';
import { createLambdaHandler, type LambdaEvent, type LambdaResult } from '../../src/app/lambda.js';
import { ConfigError } from '../../src/kb/errors.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { STORE_TUNABLES } from '../../src/store/tunables.js';
import { type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import { buttons } from '../helpers/slack/harness.js';
import {
  appMention,
  eventCallback,
  IDS,
  nextTs,
  SIGNING_SECRET,
  signedHeaders,
  slashCommand,
  urlVerification,
} from '../helpers/slack/requests.js';

let fake: FakeSlack;
let dir: string;
let env: Record<string, string>;
let handler: (event: LambdaEvent, context: unknown) => Promise<LambdaResult>;

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'srm-lambda-'));
  env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SRM_STATE_DIR: dir,
    LOG_LEVEL: 'silent',
  };
  handler = createLambdaHandler(env);
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
});

const lambdaContext = { functionName: 'srm-bot-slack', awsRequestId: 'req-1' };

/** An API Gateway REST API (v1) proxy event, with Slack's header casing. */
function restApiEvent(
  rawBody: string,
  contentType: string,
  opts: Parameters<typeof signedHeaders>[2] = {},
): LambdaEvent {
  const h = signedHeaders(rawBody, contentType, opts);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': h['x-slack-request-timestamp'] as string,
    'X-Slack-Signature': h['x-slack-signature'] as string,
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k] = v;
  return {
    resource: '/slack/events',
    path: '/slack/events',
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { stage: 'prod', requestId: 'r1', httpMethod: 'POST', path: '/prod/slack/events' },
    body: rawBody,
    isBase64Encoded: false,
  };
}

/** An HTTP API (v2) event: lower-case headers and a base64 body. */
function httpApiEvent(
  rawBody: string,
  contentType: string,
  opts: Parameters<typeof signedHeaders>[2] = {},
): LambdaEvent {
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: signedHeaders(rawBody, contentType, opts),
    requestContext: { http: { method: 'POST', path: '/slack/events' }, requestId: 'r2', stage: '$default' },
    body: Buffer.from(rawBody).toString('base64'),
    isBase64Encoded: true,
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('the AWS Lambda handler', () => {
  it('answers url_verification', async () => {
    const res = await handler(
      restApiEvent(JSON.stringify(urlVerification('lambda-challenge')), 'application/json'),
      lambdaContext,
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'lambda-challenge' });
    expect(fake.callsTo('auth.test')).toHaveLength(1); // the token was checked on the first invocation
  });

  it('answers a signed slash command (API Gateway REST event) in the body it returns', async () => {
    const raw = form(slashCommand({ text: 'who patches rds', responseUrl: fake.responseUrl('lambda-cmd') }));
    const res = await handler(restApiEvent(raw, 'application/x-www-form-urlencoded'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(fake.responses.find((r) => r.id === 'lambda-cmd')).toBeUndefined(); // no second call
    const answer = JSON.parse(String(res.body)) as Record<string, unknown>;
    expect(answer.response_type).toBe('ephemeral');
    const value = buttons(answer).find((b) => b.action_id === ACTION.helpful)?.value;
    expect(decodeFeedback(value)?.meta).toMatchObject({ service: 'rds', topic: 'patching' });
  });

  it('answers a signed mention (API Gateway HTTP API event, base64 body) in its thread', async () => {
    const ts = nextTs();
    const body = eventCallback(
      appMention({ text: `<@${IDS.bot.user}> who patches lambda`, channel: 'C0LAMBDA', ts }),
    );
    const res = await handler(httpApiEvent(JSON.stringify(body), 'application/json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    const post = fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0LAMBDA');
    expect(post?.args.thread_ts).toBe(ts);
  });

  it('accepts a base64 body with non-ASCII text (signature over the UTF-8 bytes)', async () => {
    const ts = nextTs();
    const body = eventCallback(
      appMention({ text: `<@${IDS.bot.user}> who patches rds — café ✓`, channel: 'C0UTF8', ts }),
    );
    const res = await handler(httpApiEvent(JSON.stringify(body), 'application/json'), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0UTF8')?.args.thread_ts).toBe(
      ts,
    );
  });

  it('drops a timed-out retry of an event (the first delivery is answering) and answers a new one', async () => {
    const channel = 'C0LAMBDARETRY';
    const body = eventCallback(appMention({ text: `<@${IDS.bot.user}> who patches s3`, channel }));
    const retry = await handler(
      restApiEvent(JSON.stringify(body), 'application/json', {
        headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
      }),
      lambdaContext,
    );
    expect(retry.statusCode).toBe(200);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(0);
    const first = await handler(restApiEvent(JSON.stringify(body), 'application/json'), lambdaContext);
    expect(first.statusCode).toBe(200);
    const again = await handler(restApiEvent(JSON.stringify(body), 'application/json'), lambdaContext);
    expect(again.statusCode).toBe(200);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1);
  });

  it('rejects a bad signature and a stale timestamp with 401', async () => {
    const raw = form(slashCommand({ text: 'who patches rds', responseUrl: fake.responseUrl('lambda-bad') }));
    const bad = await handler(
      restApiEvent(raw, 'application/x-www-form-urlencoded', { secret: 'wrong' }),
      lambdaContext,
    );
    expect(bad.statusCode).toBe(401);
    const stale = await handler(
      restApiEvent(raw, 'application/x-www-form-urlencoded', {
        timestamp: Math.floor(Date.now() / 1000) - 600,
      }),
      lambdaContext,
    );
    expect(stale.statusCode).toBe(401);
    expect(fake.responses.find((r) => r.id === 'lambda-bad')).toBeUndefined();
  });

  it('records a fallback question in the store (SQLite in SRM_STATE_DIR)', async () => {
    const raw = form(
      slashCommand({ text: 'what is the weather today', responseUrl: fake.responseUrl('lambda-fallback') }),
    );
    expect(
      (await handler(restApiEvent(raw, 'application/x-www-form-urlencoded'), lambdaContext)).statusCode,
    ).toBe(200);
    const store = await openSqliteStore(join(dir, STORE_TUNABLES.sqliteFile), { sweepIntervalMs: 0 });
    const rows = await store.feedback.rows(new Date(0), new Date(Date.now() + 1000));
    await store.close();
    expect(rows).toContainEqual(
      expect.objectContaining({
        verdict: 'unanswered',
        platform: 'slack',
        team: IDS.team,
        question: expect.stringContaining('weather'),
      }),
    );
  });

  it('fails every invocation with a clear settings error when SLACK_SIGNING_SECRET is missing', async () => {
    const broken = createLambdaHandler({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'silent',
    });
    const event = restApiEvent(JSON.stringify(urlVerification('x')), 'application/json');
    for (let i = 0; i < 2; i++) {
      const err = await broken(event, lambdaContext).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('SLACK_SIGNING_SECRET');
    }
  });
});
