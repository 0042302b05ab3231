import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackConfig } from '../../../src/adapters/slack/config.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { type RunningServer, startHttpServer } from '../../../src/app/http.js';
import type { Engine } from '../../../src/core/engine.js';
import type { Onboarding } from '../../../src/core/onboarding/index.js';
import { createFeedbackLog, type FeedbackLog, type FeedbackRecord } from '../../../src/feedback.js';
import { engine } from '../engine.js';
import { readFeedbackRecords } from '../feedback.js';
import { memoryLogger } from '../log.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { SIGNING_SECRET } from './requests.js';

/** The real engine over the real knowledge base: the one per worker from tests/helpers/engine.ts. */
export const testEngine = engine;

export { memoryLogger };

export interface SlackHarness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  server: RunningServer;
  /** The Slack request URL: http://127.0.0.1:<port>/slack/events */
  url: string;
  logs: Array<Record<string, unknown>>;
  feedbackRecords(): FeedbackRecord[];
  close(): Promise<void>;
}

export function slackConfig(fake: FakeSlack, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    mode: 'http',
    botToken: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    apiUrl: fake.apiUrl,
    ...overrides,
  };
}

/** The real Bolt app in HTTP mode on the shared server (127.0.0.1, a free port), talking to a fake Slack. */
export async function startSlackHarness(
  opts: { engine?: Engine; feedback?: FeedbackLog; onboarding?: Onboarding } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'srm-slack-'));
  const feedbackPath = join(dir, 'feedback.jsonl');
  const { logger, lines } = memoryLogger();
  const adapter = createSlackAdapter({
    config: slackConfig(fake),
    engine: opts.engine ?? testEngine(),
    logger,
    feedback: opts.feedback ?? createFeedbackLog(feedbackPath),
    ...(opts.onboarding ? { onboarding: opts.onboarding } : {}),
  });
  await adapter.start();
  if (!adapter.requestListener) throw new Error('HTTP mode must expose a requestListener');
  const server = await startHttpServer(
    { '/slack/events': adapter.requestListener },
    { port: 0, host: '127.0.0.1', logger },
  );
  return {
    fake,
    adapter,
    server,
    url: `http://127.0.0.1:${server.port}/slack/events`,
    logs: lines,
    feedbackRecords: () => readFeedbackRecords(feedbackPath),
    async close() {
      await server.close();
      await adapter.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything a payload says, as one string, to search for text that must (not) be there. */
export function allText(value: unknown): string {
  return JSON.stringify(value);
}

/** Block Kit helpers for assertions. */
export type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Record<string, unknown>>;
};

export function blocksOf(args: Record<string, unknown>): AnyBlock[] {
  const b = args.blocks;
  return Array.isArray(b) ? (b as AnyBlock[]) : [];
}

export function buttons(
  args: Record<string, unknown>,
): Array<{ action_id: string; value: string; text: { text: string } }> {
  return blocksOf(args)
    .filter((b) => b.type === 'actions')
    .flatMap(
      (b) => (b.elements ?? []) as Array<{ action_id: string; value: string; text: { text: string } }>,
    );
}
