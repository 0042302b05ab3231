#!/usr/bin/env node
/**
 * The composition root: the one place that reads the environment. It validates the settings, loads
 * the knowledge base, and starts what is configured: Slack and/or Teams on one HTTP server, or, with
 * neither, the local chat in the terminal (the same engine).
 */
import dotenv from 'dotenv';
import { bootEngine } from './boot.js';
import { chat } from './cli/chat.js';
import { loadConfig } from './config.js';
import { SrmError } from './core/errors.js';
import { createLogger } from './log.js';

async function run(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const engine = bootEngine(config);
  if (!config.slack && !config.teams) {
    // No credentials: the embedded local chat.
    await chat(engine);
    return;
  }
  logger.info({ services: engine.kb.services.length }, 'knowledge base loaded');
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
