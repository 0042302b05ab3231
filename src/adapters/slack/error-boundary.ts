import { type App, type CodedError, type Context, ErrorCode } from '@slack/bolt';
import { correlationId, type Logger } from '../../log.js';
import { describeSource, isDirectChannel } from './conversation.js';
import { SLACK_TEXT } from './render/text.js';
import { SLACK_TUNABLES } from './tunables.js';

/**
 * The adapter's one error boundary. It logs the error's code, the platform and the conversation with a
 * correlation id, and tells the user one fixed sentence carrying that id, in the conversation where they
 * asked. Users never see error text; listeners do not catch errors themselves.
 */
export function registerErrorBoundary(app: App, opts: { logger: Logger; botToken: string }): void {
  app.error(async ({ error, body, context }: { error: CodedError; body: unknown; context: Context }) => {
    const id = correlationId();
    const source = describeSource(body);
    opts.logger.error(
      {
        err: error,
        code: error.code,
        platform: 'slack',
        conversation: source.conversation,
        kind: source.kind,
        correlationId: id,
      },
      'slack: request failed',
    );
    // Without a verified token nothing can be posted; the log line is all there is.
    if (error.code === ErrorCode.AuthorizationError) return;
    const text = SLACK_TEXT.apology(id);
    try {
      await postApology(app, body, context.botToken ?? opts.botToken, text);
    } catch (err) {
      opts.logger.warn({ err, platform: 'slack', correlationId: id }, 'slack: could not post the apology');
    }
  });
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
