/**
 * Child process for the start-up section: does what `srm ask` does (load the knowledge base and the
 * intents, build the engine, answer and render one question), then prints its memory use as JSON. It
 * exists so the CLI itself needs no benchmark hooks.
 */

import { renderText } from '../src/adapters/terminal/render.js';
import { bootEngine } from '../src/app/boot.js';

const engine = bootEngine({ dataDir: null, intentsDir: null, contextTtlMs: 60_000 });
const text = renderText(
  engine.respond({ text: process.argv.slice(2).join(' ') || 'who patches rds', conversationKey: 'rss' }),
);
if (text.length === 0) throw new Error('no answer');
const m = process.memoryUsage();
process.stdout.write(`${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, external: m.external })}\n`);
