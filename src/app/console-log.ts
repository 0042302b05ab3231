import { format } from 'node:util';
import type { Logger } from '../log.js';

/**
 * Libraries that print to the console (botbuilder writes a multi-line stack for every bad token it sees)
 * would break the one-JSON-object-per-line log on stderr, and let anyone flood it with a bad header. In the
 * server, console.error and console.warn become one log line each, the message cut to its first line and
 * `maxChars`, with the library's own stack dropped.
 */
export function routeConsoleToLog(logger: Logger, maxChars = 500): void {
  const line = (args: unknown[]): Record<string, unknown> => {
    const first = args[0];
    const text = first instanceof Error ? `${first.name}: ${first.message}` : format(...args);
    return { console: (text.split('\n')[0] ?? '').slice(0, maxChars) };
  };
  console.error = (...args: unknown[]) => logger.warn(line(args), 'library printed an error');
  console.warn = (...args: unknown[]) => logger.warn(line(args), 'library printed a warning');
}
