#!/usr/bin/env node
/**
 * The composition root: the one place that reads the environment. It validates the settings, loads
 * the knowledge base, opens the store (SQLite under ./var, or PostgreSQL with DATABASE_URL), and
 * starts what is configured: Slack and/or Teams on one HTTP server, or, with
 * neither, the local chat in the terminal (the same engine). The adapters are imported only when
 * configured, so the local chat does not pay for loading Bolt or botbuilder.
 */
import dotenv from 'dotenv';
import { adapterState } from '../adapters/state.js';
import { chat } from '../adapters/terminal/chat.js';
import { buildQuizBank, createOnboarding } from '../core/onboarding/index.js';
import { SrmError } from '../kb/errors.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/index.js';
import { loadConfig } from './config.js';
import { routeConsoleToLog } from './console-log.js';
import { type HttpRoutes, startHttpServer } from './http.js';
import { startEngine } from './start.js';

async function run(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const engine = await startEngine(config);
  const logger = createLogger(config.logLevel);
  // Libraries' console output (botbuilder's stack per bad token) becomes one JSON log line each.
  routeConsoleToLog(logger);
  const store = await openStore(config.store, {
    onSweepError: (err) => logger.warn({ err }, 'store: sweeping expired rows failed'),
  });
  const state = adapterState(engine, store, config.contextTtlMs, logger);
  // Quiz progress lives in the store: it survives a restart and is shared by replicas.
  const onboarding = createOnboarding({
    bank: buildQuizBank(engine.kb),
    progress: store.progress,
    claims: store.claims,
  });
  if (!config.slack && !config.teams) {
    try {
      await chat({ ...state, logger }, { onboarding });
    } finally {
      await store.close();
    }
    return;
  }

  const routes: HttpRoutes = {};
  const stops: (() => Promise<void>)[] = [];

  if (config.slack) {
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    const slack = createSlackAdapter({
      config: config.slack,
      engine,
      logger,
      state,
      onboarding,
      installations: store.installations,
    });
    // The token is checked before the server takes any request.
    await slack.start();
    stops.push(() => slack.stop());
    const listener = slack.requestListener;
    // /slack/events, and with OAuth /slack/install and /slack/oauth_redirect.
    if (listener) for (const path of slack.paths) routes[path] = listener;
  }

  if (config.teams) {
    const { createTeamsAdapter, TEAMS_MESSAGES_PATH } = await import('../adapters/teams/index.js');
    const { buildDutySearch } = await import('../core/search/duties.js');
    const search = buildDutySearch(engine.kb);
    const teams = createTeamsAdapter({ config: config.teams, engine, search, logger, state, onboarding });
    stops.push(() => teams.stop());
    routes[TEAMS_MESSAGES_PATH] = teams.requestListener;
  }

  const server = await startHttpServer(routes, { port: config.port, host: config.host, logger });
  logger.info(
    {
      port: server.port,
      routes: Object.keys(routes),
      services: engine.kb.services.length,
      store: store.engine,
    },
    'srm-bot listening',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, deadlineMs: config.shutdownDeadlineMs },
      'shutting down: finishing requests in flight',
    );
    // Whatever hangs (a platform API, a response_url, a connector), the process is gone by the deadline.
    setTimeout(() => {
      logger.warn(
        { setting: 'SRM_SHUTDOWN_DEADLINE_SECONDS', deadlineMs: config.shutdownDeadlineMs },
        'shutdown deadline passed with work still in progress: exiting',
      );
      process.exit(1);
    }, config.shutdownDeadlineMs).unref();
    await server.close(config.shutdownDeadlineMs);
    await Promise.all(stops.map((stop) => stop()));
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

run().catch((err: unknown) => {
  if (err instanceof SrmError) {
    process.stderr.write(`srm-bot cannot start (${err.code}):\n${err.message}\n`);
  } else {
    process.stderr.write(
      `srm-bot crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exitCode = 1;
});
