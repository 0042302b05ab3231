import { pino } from 'pino';
import type { Logger } from '../../src/log.js';

/** A logger that keeps its JSON lines in memory, so tests can assert on what was logged. */
export function memoryLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
