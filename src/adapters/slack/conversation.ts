/**
 * Conversation keys: the core keeps follow-up context ("and lambda?") per key.
 *
 * - A channel thread, `slack:<team>:<channel>:t:<thread root ts>`: a mention at the top of a channel
 *   starts a thread (its root is the mention), and everyone in that thread shares one context, because
 *   they read the same answers. Button clicks on an answer in the thread use the same key.
 * - Direct messages and App Home clicks, `slack:<team>:dm:<user>`: one context per person.
 * - `/srm` and its ephemeral answers, `slack:<team>:<channel>:u:<user>`: only the asker sees them, so the
 *   context is per person and channel. "Share in channel" re-asks with this key.
 */
export const conversationKey = {
  thread: (team: string, channel: string, rootTs: string) => `slack:${team}:${channel}:t:${rootTs}`,
  direct: (team: string, user: string) => `slack:${team}:dm:${user}`,
  command: (team: string, channel: string, user: string) => `slack:${team}:${channel}:u:${user}`,
};

/** Direct-message channel ids start with D. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith('D');
}

/** A short, log-friendly description of where a request came from, for the error boundary. */
export function describeSource(body: unknown): { conversation: string; kind: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  if (b.type === 'event_callback') {
    const e = obj(b.event);
    const team = str(b.team_id) ?? 'unknown';
    const channel = str(e.channel) ?? 'unknown';
    const thread = str(e.thread_ts) ?? str(e.ts);
    return {
      kind: `event:${str(e.type) ?? '?'}`,
      conversation: `slack:${team}:${channel}${thread ? `:t:${thread}` : ''}`,
    };
  }
  if (typeof b.command === 'string') {
    return {
      kind: `command:${b.command}`,
      conversation: conversationKey.command(
        str(b.team_id) ?? 'unknown',
        str(b.channel_id) ?? 'unknown',
        str(b.user_id) ?? 'unknown',
      ),
    };
  }
  if (b.type === 'block_actions') {
    const team = str(obj(b.team).id) ?? 'unknown';
    const channel = str(obj(b.channel).id) ?? str(obj(b.container).channel_id) ?? 'home';
    const user = str(obj(b.user).id) ?? 'unknown';
    return { kind: 'block_actions', conversation: `slack:${team}:${channel}:u:${user}` };
  }
  return { kind: str(b.type) ?? 'unknown', conversation: 'unknown' };
}
