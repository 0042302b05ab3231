import { pino } from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stderr, so stdout stays free for the CLI's answers. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'srm-bot' } }, pino.destination(2));
}

/** A short id shown to users beside an apology and logged with the error, to find one in the other. */
export function correlationId(): string {
  return Math.random().toString(36).slice(2, 10);
}
