import { ACTION, decodeFeedback, type FeedbackValue } from '../../../src/adapters/slack/actions.js';
import type { SlackConfig } from '../../../src/adapters/slack/config.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { adapterState } from '../../../src/adapters/state.js';
import { type RunningServer, startHttpServer } from '../../../src/app/http.js';
import type { ContextualEngine } from '../../../src/core/engine.js';
import type { Onboarding } from '../../../src/core/onboarding/index.js';
import type { FeedbackLog } from '../../../src/feedback.js';
import type { FeedbackRow, Store } from '../../../src/store/types.js';
import { engine } from '../engine.js';
import { memoryLogger } from '../log.js';
import { memoryState } from '../state.js';
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
  /** The feedback rows the adapter wrote to its in-memory store (with `store` given: read that store). */
  feedbackRecords(): FeedbackRow[];
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
  opts: {
    engine?: ContextualEngine;
    feedback?: FeedbackLog;
    onboarding?: Onboarding;
    /** A store of the test's own (SQLite, PostgreSQL) for conversations, claims and feedback; the test closes it. */
    store?: Store;
  } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const engine = opts.engine ?? testEngine();
  const { logger, lines } = memoryLogger();
  const state = await memoryState({ engine, logger });
  const base = opts.store ? adapterState(engine, opts.store, 60_000, logger) : state.state;
  const adapter = createSlackAdapter({
    config: slackConfig(fake),
    engine,
    logger,
    // A feedback log of the test's own (one that fails to write) replaces the store's.
    state: opts.feedback ? { ...base, feedback: opts.feedback } : base,
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
    feedbackRecords: state.feedbackRows,
    async close() {
      await server.close();
      await adapter.stop();
      await fake.close();
      await state.store.close();
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

/** The native thumbs of a message (`feedback_buttons` inside `context_actions`), if it has them. */
export function nativeFeedback(
  args: Record<string, unknown>,
): { action_id: string; positive: string; negative: string } | undefined {
  for (const b of blocksOf(args)) {
    if (b.type !== 'context_actions') continue;
    for (const e of b.elements ?? []) {
      if (e.type !== 'feedback_buttons') continue;
      const value = (side: unknown) => String((side as { value?: unknown } | undefined)?.value ?? '');
      return {
        action_id: String(e.action_id),
        positive: value(e.positive_button),
        negative: value(e.negative_button),
      };
    }
  }
  return undefined;
}

/** What an answer's feedback controls carry (classic Helpful button or native thumbs-up), decoded. */
export function feedbackOf(args: Record<string, unknown>): FeedbackValue | null {
  const classic = buttons(args).find((b) => b.action_id === ACTION.helpful)?.value;
  return decodeFeedback(classic ?? nativeFeedback(args)?.positive);
}
