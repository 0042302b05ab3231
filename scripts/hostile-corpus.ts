/**
 * Writes tests/fixtures/hostile/*.json: the hostile-input corpus that tests/app/hostile.test.ts sends to
 * the real server (issue 18). Deterministic: run `node dist/scripts/hostile-corpus.js` after a build and
 * the files come out the same. Each entry is `{ name, body }`; `body` is what is posted (an object sent as
 * JSON or as Slack's form, or a raw string sent as it is). Placeholders the test fills in:
 * `$RESPONSE_URL`, `$SERVICE_URL`, `$TS` (a fresh Slack ts), `$EVENT_ID`. A long string made of one unit
 * repeated is stored as `{ "$repeat": unit, "times": n, "prefix": p }` (the test expands it), so the
 * files stay small.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(process.argv[2] ?? 'tests/fixtures/hostile');

/** Texts a user (or an attacker holding a valid signature) could type. */
const TEXTS: Array<[string, string]> = [
  ['empty', ''],
  ['spaces', '   \t\n  '],
  ['huge ascii', 'who patches rds '.repeat(2_500)],
  ['huge one word', 'a'.repeat(40_000)],
  ['control characters', 'who\u0000 patches\u0001\u0007\u001b[31m rds\u007f'],
  ['zero-width', '\u200bwho\u200c patches\u200d rds\ufeff\u2060'],
  ['lone high surrogate', 'who patches \ud800 rds'],
  ['lone low surrogate', '\udfff who patches rds'],
  ['reversed surrogates', '\udc00\ud800 s3'],
  ['RTL override', '\u202ewho patches rds\u202c \u2067x\u2069'],
  ['arabic and hebrew', 'من يصحح RDS؟ מי מתקן'],
  ['combining flood', `rds${'\u0301'.repeat(5_000)}`],
  ['emoji flood', '🔥'.repeat(3_000)],
  ['slack channel mention', '<!channel> who patches rds'],
  ['slack here and everyone', '<!here> <!everyone> ec2'],
  ['slack subteam', '<!subteam^S0123|@admins> s3'],
  ['slack user mentions', '<@U0BOB> <@U0CAROL|carol> who patches rds'],
  ['slack escaped mention', '&lt;!channel&gt; &lt;@U0BOB&gt; rds'],
  ['slack labelled link', '<https://evil.example/phish|AWS docs> rds'],
  ['slack javascript link', '<javascript:alert(1)|click> s3'],
  ['slack mailto', '<mailto:x@evil.example|mail> lambda'],
  ['slack nested markup', '<https://x.example|<!here>> <<@U0BOB>>'],
  ['repeated <@', '<@'.repeat(20_000)],
  ['repeated <https://', '<https://'.repeat(10_000)],
  ['repeated colon words', `:${'a'.repeat(60)}`.repeat(400)],
  ['mrkdwn', '*bold* _it_ ~strike~ `code` ```block``` > quote who patches rds'],
  ['teams at tag', '<at>Bob</at> <at id="1">Carol</at> who patches rds'],
  ['repeated <at x', '<at x'.repeat(50_000)],
  ['unclosed at', '<at>srm who patches rds'],
  ['html', '<script>alert(1)</script><img src=x onerror=alert(1)> rds'],
  ['markdown link', '[AWS](https://evil.example) ![x](https://evil.example/x.png) s3'],
  ['bare url', 'https://evil.example/?q=who+patches+rds'],
  ['entities', '&amp;lt;!channel&amp;gt; &#60;!here&#62; &nbsp;'],
  ['prototype words', '__proto__ constructor prototype toString'],
  ['json text', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'],
  ['path and sql', "../../etc/passwd'; DROP TABLE users; --"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…} is the hostile input itself
  ['format strings', '%s%s%s%n %x ${process.env} {{7*7}}'],
  ['newline flood', '\n'.repeat(10_000)],
  ['unknown service', 'who patches the flux capacitor service'],
];

type Entry = { name: string; body: unknown };
const files: Record<string, Entry[]> = {};
const add = (file: string, name: string, body: unknown) => {
  const list = files[file] ?? [];
  list.push({ name, body });
  files[file] = list;
};

// ------------------------------------------------------------------ Slack slash commands (form)
const command = (text: unknown, extra: Record<string, unknown> = {}) => ({
  token: 'x',
  team_id: 'T0TEST',
  team_domain: 'test',
  channel_id: 'C0HOSTILE',
  channel_name: 'hostile',
  user_id: 'U0ALICE',
  user_name: 'alice',
  command: '/srm',
  text,
  api_app_id: 'A0TEST',
  response_url: '$RESPONSE_URL',
  trigger_id: 't',
  ...extra,
});
for (const [name, text] of TEXTS) add('slack-commands', `text: ${name}`, { form: command(text) });
for (const [name, extra] of [
  ['unknown command', { command: '/nope' }],
  ['no user', { user_id: '' }],
  ['no channel', { channel_id: '' }],
  ['no team', { team_id: '' }],
  ['unknown ids', { user_id: 'UDOESNOTEXIST', channel_id: 'CNOPE', team_id: 'TNOPE' }],
  ['prototype user', { user_id: '__proto__', channel_id: 'constructor' }],
  ['no response_url', { response_url: '' }],
  ['text service rds', { text: 'service __proto__' }],
  ['help with junk', { text: 'help \u0000\u200b' }],
  ['huge user id', { user_id: 'U'.repeat(10_000) }],
] as const) {
  add('slack-commands', name, { form: command('who patches rds', extra) });
}
add('slack-commands', 'form without command', { form: { text: 'hi' } });
add('slack-commands', 'raw garbage form', { raw: '%%%&&&===', type: 'form' });

// ------------------------------------------------------------------ Slack events (JSON)
const envelope = (event: unknown, extra: Record<string, unknown> = {}) => ({
  token: 'x',
  team_id: 'T0TEST',
  api_app_id: 'A0TEST',
  type: 'event_callback',
  event_id: '$EVENT_ID',
  event_time: 1,
  event,
  ...extra,
});
const mention = (text: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: 'U0ALICE',
  text,
  ts: '$TS',
  channel: 'C0HOSTILE',
  ...extra,
});
const dm = (text: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channel: 'D0HOSTILE',
  channel_type: 'im',
  user: 'U0ALICE',
  text,
  ts: '$TS',
  ...extra,
});
for (const [name, text] of TEXTS)
  add('slack-events', `mention: ${name}`, { json: envelope(mention(`<@U0BOT> ${text}`)) });
for (const [name, text] of TEXTS) add('slack-events', `dm: ${name}`, { json: envelope(dm(text)) });
for (const [name, v] of [
  ['text null', null],
  ['text number', 42],
  ['text object', { a: 1 }],
  ['text array', ['who', 'patches']],
  ['text true', true],
] as const) {
  add('slack-events', `mention ${name}`, { json: envelope(mention(v)) });
  add('slack-events', `dm ${name}`, { json: envelope(dm(v)) });
}
for (const [name, body] of [
  ['null body', null],
  ['array body', [1, 2]],
  ['string body', 'event_callback'],
  ['number body', 0],
  ['empty object', {}],
  ['event null', envelope(null)],
  ['event array', envelope([])],
  ['event string', envelope('app_mention')],
  ['event without type', envelope({ text: 'hi' })],
  ['unknown event type', envelope({ type: 'reaction_added', user: 'U0ALICE' })],
  ['mention without channel', envelope(mention('hi', { channel: undefined }))],
  ['mention channel number', envelope(mention('hi', { channel: 5 }))],
  ['mention ts object', envelope(mention('hi', { ts: { a: 1 } }))],
  ['mention no user', envelope(mention('<@U0BOT> rds', { user: undefined }))],
  ['mention from a bot', envelope(mention('<@U0BOT> rds', { bot_id: 'B0OTHER' }))],
  ['dm subtype', envelope(dm('rds', { subtype: 'message_changed' }))],
  ['dm thread object', envelope(dm('rds', { thread_ts: { a: 1 } }))],
  ['home opened odd tab', envelope({ type: 'app_home_opened', user: 'U0ALICE', tab: { x: 1 } })],
  ['home opened no user', envelope({ type: 'app_home_opened', tab: 'home' })],
  [
    'prototype keys',
    JSON.parse(
      '{"type":"event_callback","__proto__":{"x":1},"event":{"type":"app_mention","__proto__":{"text":"x"},"text":"<@U0BOT> rds","channel":"C0HOSTILE","user":"U0ALICE","ts":"$TS"}}',
    ),
  ],
  ['constructor keys', envelope(mention('rds', { constructor: { prototype: { polluted: 1 } } }))],
  ['deep nest', envelope(mention('rds', { deep: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) }))],
  ['unknown team', envelope(mention('<@U0BOT> rds'), { team_id: 'TNOPE' })],
  ['authorizations junk', envelope(mention('<@U0BOT> rds'), { authorizations: 'x' })],
  ['url_verification no challenge', { type: 'url_verification' }],
  ['url_verification object challenge', { type: 'url_verification', challenge: { a: 1 } }],
  ['unknown envelope type', { type: 'app_rate_limited', team_id: 'T0TEST' }],
  ['type number', { type: 7 }],
] as const) {
  add('slack-events', name, { json: body });
}
add('slack-events', 'raw: truncated JSON', { raw: '{"type":"event_callback","event":{', type: 'json' });
add('slack-events', 'raw: empty', { raw: '', type: 'json' });
add('slack-events', 'raw: deep nest 5,000', { raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'json' });
add('slack-events', 'raw: not UTF-8', { raw: '\u00ff\u00fe{"type":1}', type: 'json' });

// ------------------------------------------------------------------ Slack button payloads (form payload=)
const click = (actionId: unknown, value: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'block_actions',
  user: { id: 'U0ALICE', team_id: 'T0TEST' },
  team: { id: 'T0TEST' },
  api_app_id: 'A0TEST',
  container: { type: 'message', message_ts: '$TS', channel_id: 'C0HOSTILE', is_ephemeral: false },
  channel: { id: 'C0HOSTILE' },
  message: { ts: '$TS', text: 'x' },
  response_url: '$RESPONSE_URL',
  trigger_id: 't',
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
  ...extra,
});
const goodMeta = {
  intent: 'who_owns',
  service: 'rds',
  topic: 'patching',
  owner: 'aws',
  control: null,
  confidence: 0.9,
};
for (const [name, text] of TEXTS) {
  add('slack-actions', `follow-up: ${name}`, { payload: click('srm_followup_0', text) });
  add('slack-actions', `choice (ephemeral): ${name}`, {
    payload: click('srm_choice_1', text, {
      container: { type: 'message', is_ephemeral: true, channel_id: 'C0HOSTILE' },
      message: undefined,
    }),
  });
  add('slack-actions', `feedback question: ${name}`, {
    payload: click('srm_feedback_helpful', JSON.stringify({ m: goodMeta, q: text.slice(0, 1900) })),
  });
  add('slack-actions', `share: ${name}`, { payload: click('srm_share', text) });
}
for (const [name, payload] of [
  ['unknown action id', click('not_ours', 'x')],
  ['action id number', click(5, 'x')],
  ['value object', click('srm_followup_0', { a: 1 })],
  ['value null', click('srm_followup_0', null)],
  ['feedback value not JSON', click('srm_feedback_not_quite', '{{{')],
  [
    'feedback meta wrong types',
    click('srm_feedback_helpful', JSON.stringify({ m: { intent: 5, confidence: 'x' }, q: 1 })),
  ],
  [
    'feedback prototype meta',
    click('srm_feedback_helpful', '{"m":{"__proto__":{"intent":"who_owns"},"confidence":1},"q":"x"}'),
  ],
  [
    'feedback huge meta',
    click('srm_feedback_helpful', JSON.stringify({ m: { ...goodMeta, extra: 'x'.repeat(1900) }, q: 'x' })),
  ],
  ['actions empty', { ...click('x', 'x'), actions: [] }],
  ['actions null', { ...click('x', 'x'), actions: null }],
  ['actions object', { ...click('x', 'x'), actions: { a: 1 } }],
  ['no user', { ...click('srm_followup_0', 'rds'), user: undefined }],
  ['user null', { ...click('srm_followup_0', 'rds'), user: null }],
  ['container null', { ...click('srm_followup_0', 'rds'), container: null }],
  [
    'home view click',
    {
      ...click('srm_followup_0', 'who patches rds'),
      container: { type: 'view', view_id: 'V1' },
      view: { type: 'home' },
    },
  ],
  ['unknown channel', click('srm_followup_0', 'rds', { channel: { id: 'CNOPE' } })],
  [
    'view submission',
    {
      type: 'view_submission',
      user: { id: 'U0ALICE' },
      view: { id: 'V1', callback_id: 'x', state: { values: {} } },
    },
  ],
  ['view closed', { type: 'view_closed', user: { id: 'U0ALICE' }, view: { id: 'V1' } }],
  ['global shortcut', { type: 'shortcut', callback_id: 'x', user: { id: 'U0ALICE' }, trigger_id: 't' }],
  [
    'message shortcut',
    {
      type: 'message_action',
      callback_id: 'x',
      user: { id: 'U0ALICE' },
      channel: { id: 'C1' },
      message: { ts: '1' },
    },
  ],
  ['block suggestion', { type: 'block_suggestion', action_id: 'x', user: { id: 'U0ALICE' }, value: 'rds' }],
  [
    'interactive message',
    { type: 'interactive_message', callback_id: 'x', actions: [], user: { id: 'U0ALICE' } },
  ],
  ['unknown payload type', { type: 'whatever', user: { id: 'U0ALICE' } }],
  ['payload null', null],
  ['payload array', [click('srm_followup_0', 'rds')]],
  ['payload string', 'block_actions'],
  [
    'payload deep',
    { ...click('srm_followup_0', 'rds'), deep: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) },
  ],
] as const) {
  add('slack-actions', name, { payload });
}
add('slack-actions', 'raw: payload not JSON', { raw: 'payload=%7B%7B', type: 'form' });

// ------------------------------------------------------------------ Teams
const conversation = { id: 'a:hostile-chat', conversationType: 'personal', tenantId: 'tenant' };
const activity = (extra: Record<string, unknown>) => ({
  type: 'message',
  id: 'act-1',
  timestamp: '2026-01-01T00:00:00.000Z',
  channelId: 'msteams',
  serviceUrl: '$SERVICE_URL',
  from: { id: '29:alice', name: 'Alice', aadObjectId: '00000000-0000-0000-0000-00000000000a' },
  conversation,
  recipient: { id: '28:bot', name: 'srm' },
  channelData: { tenant: { id: 'tenant' } },
  ...extra,
});
for (const [name, text] of TEXTS) add('teams-messages', `text: ${name}`, { json: activity({ text }) });
for (const [name, text] of TEXTS) {
  add('teams-messages', `channel mention: ${name}`, {
    json: activity({
      text: `<at>srm</at> ${text}`,
      conversation: { id: '19:c@thread.tacv2;messageid=1', conversationType: 'channel' },
      entities: [{ type: 'mention', text: '<at>srm</at>', mentioned: { id: '28:bot', name: 'srm' } }],
    }),
  });
}
for (const [name, extra] of [
  ['text null', { text: null }],
  ['text number', { text: 5 }],
  ['text object', { text: { a: 1 } }],
  ['entities null', { text: 'rds', entities: null }],
  [
    'entities junk',
    {
      text: '<at>x</at> rds',
      entities: [null, 5, { type: 'mention' }, { type: 'mention', mentioned: null, text: 5 }],
    },
  ],
  ['entities object', { text: 'rds', entities: { a: 1 } }],
  ['from missing', { text: 'rds', from: undefined }],
  ['from null', { text: 'rds', from: null }],
  ['recipient missing', { text: 'rds', recipient: undefined }],
  ['conversation id number', { text: 'rds', conversation: { id: 5 } }],
  ['conversation null', { text: 'rds', conversation: null }],
  ['serviceUrl elsewhere', { text: 'rds', serviceUrl: 'https://evil.example/' }],
  ['serviceUrl number', { text: 'rds', serviceUrl: 5 }],
  ['type unknown', { type: 'weird', text: 'rds' }],
  ['type number', { type: 5, text: 'rds' }],
  ['conversationUpdate junk members', { type: 'conversationUpdate', membersAdded: [null, 5, { id: null }] }],
  ['conversationUpdate members object', { type: 'conversationUpdate', membersAdded: { id: '28:bot' } }],
  ['messageReaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }],
  ['typing', { type: 'typing' }],
  [
    'prototype channelData',
    { text: 'rds', channelData: JSON.parse('{"__proto__":{"polluted":1},"tenant":{"id":"t"}}') },
  ],
  ['attachments junk', { text: 'rds', attachments: [null, { contentType: 5 }] }],
  ['deep value', { text: 'rds', value: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) }],
] as const) {
  add('teams-messages', name, { json: activity(extra) });
}
for (const [name, body] of [
  ['raw: null', 'null'],
  ['raw: array', '[]'],
  ['raw: string', '"message"'],
  ['raw: truncated', '{"type":"message",'],
  ['raw: empty', ''],
  ['raw: deep nest 5,000', `${'['.repeat(5000)}${']'.repeat(5000)}`],
] as const) {
  add('teams-messages', name, { raw: body, type: 'json' });
}

const invoke = (name: unknown, value: unknown) => activity({ type: 'invoke', name, value });
const execute = (data: unknown, verb: unknown = 'srm') =>
  invoke('adaptiveCard/action', {
    action: { type: 'Action.Execute', id: 'a', verb, data },
    trigger: 'manual',
  });
for (const [name, text] of TEXTS)
  add('teams-invokes', `execute ask: ${name}`, { json: execute({ srm: 'ask', text }) });
for (const [name, body] of [
  ['execute data null', execute(null)],
  ['execute data array', execute([1])],
  ['execute unknown srm', execute({ srm: 'nope' })],
  ['execute verb object', execute({ srm: 'ask', text: 'rds' }, { a: 1 })],
  [
    'execute feedback bad meta',
    execute({ srm: 'feedback', verdict: 'helpful', meta: { intent: 'x' }, question: 'q' }),
  ],
  [
    'execute feedback prototype',
    execute(
      JSON.parse(
        '{"srm":"feedback","verdict":"helpful","meta":{"__proto__":{"intent":"who_owns"}},"question":"q"}',
      ),
    ),
  ],
  ['execute value null', invoke('adaptiveCard/action', null)],
  ['execute action null', invoke('adaptiveCard/action', { action: null })],
  ['unknown invoke', invoke('composeExtension/query', { a: 1 })],
  ['invoke name number', invoke(5, {})],
  ['invoke no name', invoke(undefined, {})],
  ['signin invoke', invoke('signin/verifyState', { state: 'x' })],
  ['task fetch', invoke('task/fetch', { data: {} })],
  ['huge invoke data', execute({ srm: 'ask', text: 'x'.repeat(100_000) })],
] as const) {
  add('teams-invokes', name, { json: body });
}

const submit = (value: unknown) => activity({ value, replyToId: 'card-1' });
for (const [name, text] of TEXTS) {
  add('teams-submits', `ask: ${name}`, { json: submit({ srm: 'ask', text }) });
  add('teams-submits', `feedback question: ${name}`, {
    json: submit({ srm: 'feedback', verdict: 'not_quite', meta: goodMeta, question: text.slice(0, 500) }),
  });
}
for (const [name, value] of [
  ['value null', null],
  ['value array', [{ srm: 'ask', text: 'rds' }]],
  ['value string', 'ask'],
  ['srm unknown', { srm: 'delete_everything' }],
  ['ask text number', { srm: 'ask', text: 5 }],
  ['feedback verdict odd', { srm: 'feedback', verdict: 'meh', meta: goodMeta, question: 'q' }],
  [
    'feedback meta extra keys',
    { srm: 'feedback', verdict: 'helpful', meta: { ...goodMeta, evil: 'x'.repeat(10_000) }, question: 'q' },
  ],
  [
    'feedback confidence infinite',
    {
      srm: 'feedback',
      verdict: 'helpful',
      meta: { ...goodMeta, confidence: Number.MAX_VALUE * 2 },
      question: 'q',
    },
  ],
  [
    'feedback unknown service id',
    { srm: 'feedback', verdict: 'helpful', meta: { ...goodMeta, service: '<!channel>' }, question: 'q' },
  ],
  ['prototype value', JSON.parse('{"__proto__":{"srm":"ask","text":"rds"}}')],
] as const) {
  add('teams-submits', name, { json: submit(value) });
}

/** Long strings that are a short unit repeated (after a prefix of up to 16 characters) become `{ $repeat, times, prefix }`. */
function compact(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 1_000) {
    for (let pre = 0; pre <= 16; pre++) {
      for (let period = 1; period <= 64; period++) {
        const rest = value.length - pre;
        if (rest % period !== 0) continue;
        const unit = value.slice(pre, pre + period);
        if (unit.repeat(rest / period) === value.slice(pre)) {
          return { $repeat: unit, times: rest / period, prefix: value.slice(0, pre) };
        }
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compact(v);
    return out;
  }
  return value;
}

mkdirSync(OUT, { recursive: true });
let total = 0;
for (const [file, entries] of Object.entries(files)) {
  writeFileSync(join(OUT, `${file}.json`), `${JSON.stringify(compact(entries), null, 1)}\n`);
  total += entries.length;
  process.stdout.write(`${file}: ${entries.length}\n`);
}
process.stdout.write(`total: ${total}\n`);
