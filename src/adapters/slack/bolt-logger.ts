import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.js';

const FROM_PINO: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt and its Web API client log through our pino logger, so all lines share one JSON format. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = args
      .filter((a) => a !== err)
      .map((a) => (typeof a === 'string' ? a : safeJson(a)))
      .join(' ');
    if (err) log[level]({ err }, msg || err.message);
    else log[level](msg);
  };
  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    // The level is pino's; Bolt only reads it back.
    setLevel: () => {},
    getLevel: () => FROM_PINO[logger.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
