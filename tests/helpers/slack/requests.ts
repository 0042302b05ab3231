import { createHmac } from 'node:crypto';

/**
 * Requests exactly as Slack sends them, signed with the app's signing secret
 * (`v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>`), and payload builders modelled on slackapi/bolt-js
 * test/unit/helpers/events.ts.
 */

export const SIGNING_SECRET = 'test-signing-secret';

export const IDS = {
  team: 'T0TEST',
  app: 'A0TEST',
  channel: 'C0CHAN',
  dm: 'D0DIRECT',
  user: 'U0ALICE',
  otherUser: 'U0BOB',
  bot: { id: 'B0BOT', user: 'U0BOT' },
  otherBot: { id: 'B0OTHER', user: 'U0OTHERBOT' },
} as const;

let counter = 0;
/** A fresh Slack timestamp ("1700000123.000456"), unique within the test run. */
export function nextTs(): string {
  counter += 1;
  return `${1_700_000_000 + counter}.${String(counter).padStart(6, '0')}`;
}

export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SlackHttpResult {
  status: number;
  body: string;
}

export function signedHeaders(
  rawBody: string,
  contentType: string,
  opts: SendOptions = {},
): Record<string, string> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': opts.signature ?? sign(opts.secret ?? SIGNING_SECRET, timestamp, rawBody),
    ...opts.headers,
  };
}

async function send(
  url: string,
  rawBody: string,
  contentType: string,
  opts: SendOptions,
): Promise<SlackHttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: signedHeaders(rawBody, contentType, opts),
    body: rawBody,
  });
  return { status: res.status, body: await res.text() };
}

/** An Events API request (JSON). */
export function postEvent(url: string, body: object, opts: SendOptions = {}): Promise<SlackHttpResult> {
  return send(url, JSON.stringify(body), 'application/json', opts);
}

/** A slash command (form-encoded). */
export function postCommand(
  url: string,
  fields: Record<string, string>,
  opts: SendOptions = {},
): Promise<SlackHttpResult> {
  return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An interactive payload (form-encoded `payload=<json>`). */
export function postInteraction(
  url: string,
  payload: object,
  opts: SendOptions = {},
): Promise<SlackHttpResult> {
  const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return send(url, raw, 'application/x-www-form-urlencoded', opts);
}

/* ---------------------------------------------------------------- payloads */

export function urlVerification(challenge: string): object {
  return { token: 'legacy-verification-token', challenge, type: 'url_verification' };
}

export function eventCallback(
  event: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  counter += 1;
  return {
    token: 'legacy-verification-token',
    team_id: IDS.team,
    api_app_id: IDS.app,
    event,
    type: 'event_callback',
    event_id: `Ev${String(counter).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: IDS.team, user_id: IDS.bot.user, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    ...overrides,
  };
}

export function appMention(o: {
  text: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  channel?: string;
  bot_id?: string;
}): Record<string, unknown> {
  const ts = o.ts ?? nextTs();
  return {
    type: 'app_mention',
    user: o.user ?? IDS.user,
    text: o.text,
    ts,
    channel: o.channel ?? IDS.channel,
    event_ts: ts,
    team: IDS.team,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
  };
}

export function directMessage(o: {
  text: string;
  ts?: string;
  user?: string;
  channel?: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}): Record<string, unknown> {
  const ts = o.ts ?? nextTs();
  return {
    type: 'message',
    channel: o.channel ?? IDS.dm,
    channel_type: 'im',
    ...(o.user !== undefined || !o.subtype ? { user: o.user ?? IDS.user } : {}),
    text: o.text,
    ts,
    event_ts: ts,
    team: IDS.team,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
    ...(o.subtype ? { subtype: o.subtype } : {}),
    ...(o.bot_id ? { bot_id: o.bot_id } : {}),
  };
}

export function appHomeOpened(o: { user?: string; tab?: 'home' | 'messages' } = {}): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: o.user ?? IDS.user,
    channel: IDS.dm,
    tab: o.tab ?? 'home',
    event_ts: nextTs(),
  };
}

export function slashCommand(o: {
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: IDS.team,
    team_domain: 'test',
    channel_id: o.channel ?? IDS.channel,
    channel_name: 'security',
    user_id: o.user ?? IDS.user,
    user_name: 'alice',
    command: '/srm',
    text: o.text,
    api_app_id: IDS.app,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: `${nextTs()}.trigger`,
  };
}

export type Container =
  | { type: 'message'; message_ts: string; channel_id: string; is_ephemeral: boolean; thread_ts?: string }
  | { type: 'view'; view_id: string };

/** A block_actions payload for one clicked button. */
export function buttonClick(o: {
  actionId: string;
  value: string;
  responseUrl: string;
  user?: string;
  /** Where the button was: an ephemeral message, a message in a channel/DM (with its ts), or App Home. */
  where:
    | { kind: 'ephemeral'; channel?: string }
    | { kind: 'message'; channel: string; ts: string; thread_ts?: string }
    | { kind: 'home' };
}): Record<string, unknown> {
  const user = o.user ?? IDS.user;
  const action = {
    type: 'button',
    action_id: o.actionId,
    block_id: 'srm_suggestions',
    text: { type: 'plain_text', text: 'label', emoji: true },
    value: o.value,
    action_ts: nextTs(),
  };
  const base = {
    type: 'block_actions',
    user: { id: user, username: 'alice', name: 'alice', team_id: IDS.team },
    api_app_id: IDS.app,
    token: 'legacy-verification-token',
    trigger_id: `${nextTs()}.trigger`,
    team: { id: IDS.team, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  switch (o.where.kind) {
    case 'ephemeral': {
      const channel = o.where.channel ?? IDS.channel;
      return {
        ...base,
        container: { type: 'message', message_ts: nextTs(), channel_id: channel, is_ephemeral: true },
        channel: { id: channel, name: 'security' },
        response_url: o.responseUrl,
        state: { values: {} },
      };
    }
    case 'message': {
      const { channel, ts, thread_ts } = o.where;
      return {
        ...base,
        container: {
          type: 'message',
          message_ts: ts,
          channel_id: channel,
          is_ephemeral: false,
          ...(thread_ts ? { thread_ts } : {}),
        },
        channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'security' },
        message: {
          type: 'message',
          user: IDS.bot.user,
          bot_id: IDS.bot.id,
          text: 'previous answer',
          ts,
          ...(thread_ts ? { thread_ts } : {}),
        },
        response_url: o.responseUrl,
        state: { values: {} },
      };
    }
    case 'home':
      return {
        ...base,
        container: { type: 'view', view_id: 'V0HOME' },
        view: {
          id: 'V0HOME',
          type: 'home',
          team_id: IDS.team,
          blocks: [],
          private_metadata: '',
          callback_id: '',
          hash: 'h',
          state: { values: {} },
        },
      };
  }
}

/** A click on Slack's native thumbs (`feedback_buttons` in a `context_actions` block) on a bot message. */
export function feedbackClick(o: {
  actionId: string;
  /** The clicked side's value. */
  value: string;
  responseUrl: string;
  channel: string;
  ts: string;
  user?: string;
}): Record<string, unknown> {
  const base = buttonClick({
    actionId: o.actionId,
    value: o.value,
    responseUrl: o.responseUrl,
    ...(o.user ? { user: o.user } : {}),
    where: { kind: 'message', channel: o.channel, ts: o.ts },
  });
  return {
    ...base,
    actions: [
      {
        type: 'feedback_buttons',
        action_id: o.actionId,
        block_id: 'srm_native_feedback',
        text: { type: 'plain_text', text: '👍' },
        value: o.value,
        action_ts: nextTs(),
      },
    ],
  };
}

/** `assistant_thread_started`: someone opened a new thread in the app's assistant panel. */
export function assistantThreadStarted(o: {
  channel: string;
  threadTs: string;
  user?: string;
}): Record<string, unknown> {
  return {
    type: 'assistant_thread_started',
    assistant_thread: {
      user_id: o.user ?? IDS.user,
      context: { channel_id: IDS.channel, team_id: IDS.team, enterprise_id: null },
      channel_id: o.channel,
      thread_ts: o.threadTs,
    },
    event_ts: nextTs(),
  };
}
