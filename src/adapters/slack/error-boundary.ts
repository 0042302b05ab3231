import { type App, type CodedError, type Context, ErrorCode } from '@slack/bolt';
import { SrmError } from '../../kb/errors.js';
import { correlationId, type Logger } from '../../log.js';
import { describeSource, isDirectChannel } from './conversation.js';
import { NotInstalledError } from './oauth/installation-store.js';
import { SLACK_TEXT } from './render/text.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * The adapter's one error boundary. It logs the error's code, the platform and the conversation with a
 * correlation id, and tells the user one fixed sentence carrying that id, in the conversation where they
 * asked. Users never see error text; listeners do not catch errors themselves.
 */
export function registerErrorBoundary(app: App, opts: { logger: Logger; botToken?: string }): void {
  app.error(async ({ error, body, context }: { error: CodedError; body: unknown; context: Context }) => {
    const id = correlationId();
    const source = describeSource(body);
    // Many workspaces: a request from a workspace with no installation (uninstalled, or never installed)
    // is answered 200 by Bolt and not run. One line says so; nothing is posted (there is no token).
    const notInstalled = causeOf(error, NotInstalledError);
    if (notInstalled) {
      opts.logger.warn(
        {
          code: notInstalled.code,
          platform: 'slack',
          installation: notInstalled.installationId,
          kind: source.kind,
          correlationId: id,
        },
        'slack: request from a workspace where srm-bot is not installed (never installed, or uninstalled): ignored',
      );
      return;
    }
    opts.logger.error(
      {
        err: error,
        code: causeOf(error, SrmError)?.code ?? error.code,
        platform: 'slack',
        conversation: source.conversation,
        kind: source.kind,
        correlationId: id,
      },
      'slack: request failed',
    );
    // Without a verified token nothing can be posted; the log line is all there is.
    if (error.code === ErrorCode.AuthorizationError) return;
    const token = context.botToken ?? opts.botToken;
    if (!token) return;
    const text = SLACK_TEXT.apology(id);
    try {
      await postApology(app, body, token, text);
    } catch (err) {
      opts.logger.warn({ err, platform: 'slack', correlationId: id }, 'slack: could not post the apology');
    }
  });
}

/** The first error of type `type` along Bolt's and @slack/oauth's wrapping (`original`, `cause`). */
function causeOf<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e; depth++) {
    if (e instanceof type) return e;
    const wrapped = e as { original?: unknown; cause?: unknown };
    e = wrapped.original ?? wrapped.cause;
  }
  return undefined;
}

async function postApology(app: App, body: unknown, token: string, text: string): Promise<void> {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.response_url === 'string') {
    const res = await fetch(b.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(SLACK_TUNABLES.webApiTimeoutMs),
    });
    if (!res.ok) throw new Error(`response_url answered HTTP ${res.status}`);
    return;
  }
  if (b.type === 'event_callback' && b.event && typeof b.event === 'object') {
    const e = b.event as Record<string, unknown>;
    if (typeof e.channel !== 'string' || e.type === 'app_home_opened') return;
    const thread =
      typeof e.thread_ts === 'string' ? e.thread_ts : isDirectChannel(e.channel) ? undefined : e.ts;
    await app.client.chat.postMessage({
      token,
      channel: e.channel,
      text,
      ...(typeof thread === 'string' ? { thread_ts: thread } : {}),
    });
    return;
  }
  const user = (b.user as { id?: unknown } | undefined)?.id;
  if (b.type === 'block_actions' && typeof user === 'string') {
    await app.client.chat.postMessage({ token, channel: user, text });
  }
}
