import { decodeMeta, isRecord, SERVICE_ID } from '../../core/meta.js';
import type { ReplyMeta } from '../../core/reply.js';
import { TEAMS_LIMITS } from './render/limits.js';

/**
 * The Teams bot's protocol: what its card buttons carry (Action.Submit `data`, posted back as a message
 * activity's `value`, or an `adaptiveCard/action` invoke's data), and the decoder for what comes back.
 */

/** Card action values (Action.Submit `data`), posted back as a message activity's `value`. */
export type CardAction =
  | { srm: 'ask'; text: string }
  | { srm: 'feedback'; verdict: 'helpful' | 'not_quite'; meta: ReplyMeta; question: string }
  | { srm: 'ask_team'; team: string; question: string; answer: string; meta: ReplyMeta };

/**
 * Validates an Action.Submit value posted back by Teams (anyone can post any value to the bot) and
 * returns a fresh object with only the known fields; null when it is not one of this renderer's.
 */
export function decodeCardAction(value: unknown): CardAction | null {
  if (!isRecord(value)) return null;
  if (value.srm === 'ask') {
    const t = value.text;
    if (typeof t !== 'string' || t.trim().length === 0 || t.length > TEAMS_LIMITS.askText) return null;
    return { srm: 'ask', text: t.trim() };
  }
  if (value.srm === 'feedback') {
    const { verdict, question } = value;
    if (verdict !== 'helpful' && verdict !== 'not_quite') return null;
    if (typeof question !== 'string' || question.length > TEAMS_LIMITS.feedbackQuestion) return null;
    const meta = decodeMeta(value.meta);
    if (!meta) return null;
    return { srm: 'feedback', verdict, meta, question };
  }
  if (value.srm === 'ask_team') {
    const { team, question, answer } = value;
    if (typeof team !== 'string' || !SERVICE_ID.test(team)) return null;
    if (typeof question !== 'string' || question.length > TEAMS_LIMITS.feedbackQuestion) return null;
    if (typeof answer !== 'string' || answer.length > TEAMS_LIMITS.askTeamAnswer) return null;
    const meta = decodeMeta(value.meta);
    if (!meta) return null;
    // The duty picks the rule's own runbook for the team (src/org): a key such as rds.backup-retention.
    const duty = isRecord(value.meta) ? value.meta.duty : undefined;
    if (typeof duty === 'string' && /^[a-z0-9-]+\.[a-z0-9-]+$/.test(duty)) meta.duty = duty;
    return { srm: 'ask_team', team, question, answer, meta };
  }
  return null;
}
