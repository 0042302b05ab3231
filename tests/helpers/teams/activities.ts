/**
 * Bot Framework activities exactly as Teams sends them to /api/messages (shapes from Microsoft's
 * "Conversation events" and "Send and receive messages" pages, trimmed of nothing botbuilder reads).
 */

export const TEAMS_IDS = {
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  team: '19:team0000000000000000000000000000@thread.tacv2',
  channel: '19:chan0000000000000000000000000000@thread.tacv2',
  bot: { id: '28:bot', name: 'srm' },
  alice: { id: '29:1alice', name: 'Alice Example', aadObjectId: '00000000-0000-0000-0000-00000000a11c' },
  bob: { id: '29:1bob', name: 'Bob Example', aadObjectId: '00000000-0000-0000-0000-000000000b0b' },
} as const;

export type TeamsUser = { id: string; name: string; aadObjectId: string };
export type Activity = Record<string, unknown>;

let counter = 0;
/** A fresh Teams message id (they are epoch milliseconds as strings). */
export function nextId(): string {
  counter += 1;
  return String(1_700_000_000_000 + counter);
}

export interface Where {
  /** `personal` (1:1 chat with the bot) or `channel` (a thread in a team's channel). */
  kind: 'personal' | 'channel';
  /** The conversation id; by default a fresh one (a new 1:1 chat, or a new thread). */
  id: string;
}

/** A 1:1 chat between a user and the bot. */
export function personalChat(user: TeamsUser = TEAMS_IDS.alice): Where {
  return { kind: 'personal', id: `a:1personal-${user.id.slice(3)}-${nextId()}` };
}

/** A thread in a channel: Teams puts the root message's id in the conversation id. */
export function channelThread(rootId = nextId()): Where {
  return { kind: 'channel', id: `${TEAMS_IDS.channel};messageid=${rootId}` };
}

function conversation(where: Where): Record<string, unknown> {
  return where.kind === 'personal'
    ? { conversationType: 'personal', tenantId: TEAMS_IDS.tenant, id: where.id }
    : { isGroup: true, conversationType: 'channel', tenantId: TEAMS_IDS.tenant, id: where.id };
}

function channelData(where: Where): Record<string, unknown> {
  return where.kind === 'personal'
    ? { tenant: { id: TEAMS_IDS.tenant } }
    : {
        teamsChannelId: TEAMS_IDS.channel,
        teamsTeamId: TEAMS_IDS.team,
        channel: { id: TEAMS_IDS.channel },
        team: { id: TEAMS_IDS.team },
        tenant: { id: TEAMS_IDS.tenant },
      };
}

function envelope(serviceUrl: string, where: Where, from: TeamsUser): Activity {
  const now = new Date();
  return {
    id: nextId(),
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString().replace('Z', '+00:00'),
    channelId: 'msteams',
    serviceUrl,
    from: { ...from },
    conversation: conversation(where),
    recipient: { ...TEAMS_IDS.bot },
    channelData: channelData(where),
    locale: 'en-US',
    localTimezone: 'Europe/London',
  };
}

export interface MessageOptions {
  serviceUrl: string;
  /** The text after the mention, e.g. "who patches RDS?". */
  text: string;
  where: Where;
  from?: TeamsUser;
  /** How the bot's mention appears: `<at>${mention}</at>`; null for no mention (usual in a 1:1 chat). */
  mention?: string | null;
  /** Whether Teams sent the mention entity beside the text (it always does; false tests the fallback). */
  mentionEntity?: boolean;
}

/** A message typed by a user. In a channel it starts with the bot's mention, as Teams requires. */
export function message(o: MessageOptions): Activity {
  const mention = o.mention === undefined ? (o.where.kind === 'channel' ? 'srm' : null) : o.mention;
  const tag = mention === null ? '' : `<at>${mention}</at>`;
  const entities: Activity[] = [];
  if (tag && o.mentionEntity !== false) {
    entities.push({ type: 'mention', text: tag, mentioned: { id: TEAMS_IDS.bot.id, name: mention } });
  }
  entities.push({
    type: 'clientInfo',
    locale: 'en-US',
    country: 'US',
    platform: 'Web',
    timezone: 'Europe/London',
  });
  return {
    ...envelope(o.serviceUrl, o.where, o.from ?? TEAMS_IDS.alice),
    type: 'message',
    text: tag ? `${tag} ${o.text}` : o.text,
    textFormat: 'plain',
    attachments: [],
    entities,
  };
}

/** An `Action.Submit` click: a message with the button's data as `value`, no text, replying to the card. */
export function submit(o: {
  serviceUrl: string;
  where: Where;
  value: unknown;
  from?: TeamsUser;
  replyToId?: string;
}): Activity {
  return {
    ...envelope(o.serviceUrl, o.where, o.from ?? TEAMS_IDS.alice),
    type: 'message',
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    value: o.value,
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' }],
  };
}

/** A Universal Action (`Action.Execute`) click: an `adaptiveCard/action` invoke. */
export function execute(o: {
  serviceUrl: string;
  where: Where;
  data: unknown;
  verb?: string;
  from?: TeamsUser;
  replyToId?: string;
}): Activity {
  return {
    ...envelope(o.serviceUrl, o.where, o.from ?? TEAMS_IDS.alice),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    value: {
      action: { type: 'Action.Execute', id: 'action-1', verb: o.verb ?? 'srm', data: o.data },
      trigger: 'manual',
    },
  };
}

/**
 * `conversationUpdate` with `membersAdded`: the bot installed in a team (the bot alone), in a 1:1 chat
 * (the bot and the user), or someone else joining (the user alone).
 */
export function membersAdded(o: {
  serviceUrl: string;
  where: Where;
  added: Array<{ id: string }>;
}): Activity {
  const base = envelope(o.serviceUrl, o.where, TEAMS_IDS.alice);
  return {
    ...base,
    id: `f:${nextId()}`,
    type: 'conversationUpdate',
    membersAdded: o.added.map((m) => ({ ...m })),
    channelData: {
      ...(base.channelData as Record<string, unknown>),
      ...(o.where.kind === 'channel' ? { eventType: 'teamMemberAdded' } : {}),
    },
  };
}

/**
 * A message extension search (`composeExtension/query`): what Teams sends as the user types in the
 * compose box or the command box. `initialRun` is what Teams sends when the search opens, before typing.
 */
export function composeQuery(o: {
  serviceUrl: string;
  where: Where;
  text?: string;
  commandId?: string;
  initialRun?: boolean;
  from?: TeamsUser;
  source?: 'compose' | 'commandbox';
}): Activity {
  const base = envelope(o.serviceUrl, o.where, o.from ?? TEAMS_IDS.alice);
  const parameters = o.initialRun
    ? [{ name: 'initialRun', value: 'true' }]
    : [{ name: 'searchText', value: o.text ?? '' }];
  return {
    ...base,
    type: 'invoke',
    name: 'composeExtension/query',
    value: { commandId: o.commandId ?? 'searchDuties', parameters, queryOptions: { skip: 0, count: 25 } },
    channelData: {
      ...(base.channelData as Record<string, unknown>),
      source: { name: o.source ?? 'compose' },
    },
  };
}
