import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaHandler, type LambdaEvent } from '../../src/app/lambda.js';
import { ConfigError } from '../../src/kb/errors.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { type PostgresCluster, postgresAvailability, startPostgres } from '../helpers/postgres.js';
import { FAKE_OAUTH, type FakeSlack, startFakeSlack } from '../helpers/slack/fake-slack.js';
import {
  install,
  type OAuthHarness,
  STATE_SECRET,
  startOAuthHarness,
} from '../helpers/slack/oauth-harness.js';
import {
  appMention,
  eventCallback,
  nextTs,
  SIGNING_SECRET,
  signedHeaders,
} from '../helpers/slack/requests.js';

/**
 * Many workspaces on AWS Lambda: the receiver cannot run the install flow, so the HTTP server installs
 * (here the OAuth harness, as `npm start` runs it) into PostgreSQL, and the Lambda handler, with the same
 * settings and DATABASE_URL, answers each workspace with its own token and honours an uninstall.
 */

const T1 = {
  teamId: 'T0LAMBDA',
  teamName: 'Lambda',
  botToken: 'xoxb-lambda-1',
  botId: 'B0L',
  botUserId: 'U0BOTL',
};
const { bin, skip } = postgresAvailability();

function apiGatewayEvent(body: Record<string, unknown>): LambdaEvent {
  const raw = JSON.stringify(body);
  const h = signedHeaders(raw, 'application/json');
  return {
    resource: '/slack/events',
    path: '/slack/events',
    httpMethod: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Slack-Request-Timestamp': h['x-slack-request-timestamp'] as string,
      'X-Slack-Signature': h['x-slack-signature'] as string,
    },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { stage: 'prod', requestId: 'r1', httpMethod: 'POST', path: '/prod/slack/events' },
    body: raw,
    isBase64Encoded: false,
  };
}

const fromT1 = (event: Record<string, unknown>) =>
  apiGatewayEvent(
    eventCallback(event, {
      team_id: T1.teamId,
      authorizations: [
        {
          enterprise_id: null,
          team_id: T1.teamId,
          user_id: T1.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    }),
  );

const oauthEnv = (fake: FakeSlack, tokenKey: Buffer) => ({
  SLACK_CLIENT_ID: FAKE_OAUTH.clientId,
  SLACK_CLIENT_SECRET: FAKE_OAUTH.clientSecret,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_TOKEN_KEY: tokenKey.toString('base64'),
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  LOG_LEVEL: 'silent',
});

describe('the Lambda handler with the OAuth settings', () => {
  it('refuses to start without DATABASE_URL, naming it and saying where installations come from', async () => {
    const fake = await startFakeSlack();
    try {
      const handler = createLambdaHandler({
        ...oauthEnv(fake, Buffer.alloc(32, 1)),
        SRM_STATE_DIR: '/tmp/srm-x',
      });
      const err = await handler(fromT1(appMention({ text: 'hi' })), {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/DATABASE_URL is required .*\/slack\/install .*SLACK_TOKEN_KEY/);
    } finally {
      await fake.close();
    }
  });
});

describe.skipIf(skip)('many workspaces on Lambda, installed by the HTTP server into PostgreSQL', () => {
  let cluster: PostgresCluster;
  let fake: FakeSlack;
  let store: Store;
  let server: OAuthHarness;
  let url: string;
  beforeAll(async () => {
    cluster = await startPostgres(bin);
    url = await cluster.createDatabase('lambda_oauth');
    fake = await startFakeSlack();
    store = await openPostgresStore(url, { sweepIntervalMs: 0 });
    server = await startOAuthHarness(fake, store);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await fake?.close();
    await cluster?.stop();
  });

  it("answers a workspace installed through the server with that workspace's token, and ignores it once uninstalled", async () => {
    expect((await install(server.base, fake, 'code-lambda', T1)).status).toBe(200);
    const handler = createLambdaHandler({ ...oauthEnv(fake, server.tokenKey), DATABASE_URL: url });

    const ts = nextTs();
    const mention = appMention({ text: `<@${T1.botUserId}> who patches RDS?`, ts, channel: 'C0LAMBDA' });
    const res = await handler(fromT1({ ...mention, team: T1.teamId }), {});
    expect(res.statusCode).toBe(200);
    const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0LAMBDA');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.token).toBe(T1.botToken);

    expect((await handler(fromT1({ type: 'app_uninstalled', event_ts: nextTs() }), {})).statusCode).toBe(200);
    expect(await store.installations.get(T1.teamId)).toBeUndefined();

    const again = appMention({ text: `<@${T1.botUserId}> who patches EC2?`, channel: 'C0LAMBDA' });
    expect((await handler(fromT1({ ...again, team: T1.teamId }), {})).statusCode).toBe(200);
    expect(posts()).toHaveLength(1);
  });
});
