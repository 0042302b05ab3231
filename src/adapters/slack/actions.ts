import type { ReplyMeta } from '../../core/reply.js';
import { BLOCK_KIT_LIMITS } from './render/limits.js';

/**
 * The Slack app's protocol: the action ids of its buttons and what the feedback buttons carry. The
 * renderer writes them, the listeners read them.
 */

/** Action ids of the buttons; numbered ones get `_<index>` (ids must be unique within a block). */
export const ACTION = Object.freeze({
  followUp: 'srm_followup',
  choice: 'srm_choice',
  helpful: 'srm_feedback_helpful',
  notQuite: 'srm_feedback_not_quite',
  share: 'srm_share',
  askTeam: 'srm_ask_team',
});

/** What a "Helpful" / "Not quite" button carries: the reply's meta and the question, as compact JSON. */
export interface FeedbackValue {
  meta: ReplyMeta;
  question: string;
}

/** Compact JSON within the button value limit; the question is shortened if it has to be. */
export function encodeFeedback(meta: ReplyMeta, question: string): string {
  const base = JSON.stringify({ m: meta, q: '' });
  const room = BLOCK_KIT_LIMITS.buttonValue - base.length;
  let q = question.slice(0, Math.max(0, room));
  // JSON escaping can lengthen the question; shorten until it fits.
  while (q.length > 0 && JSON.stringify({ m: meta, q }).length > BLOCK_KIT_LIMITS.buttonValue)
    q = q.slice(0, -10);
  return JSON.stringify({ m: meta, q });
}

/** The inverse of `encodeFeedback`; null when the value is not one of ours. */
export function decodeFeedback(value: string | undefined): FeedbackValue | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { m, q } = parsed as { m?: unknown; q?: unknown };
    if (typeof q !== 'string' || typeof m !== 'object' || m === null) return null;
    const meta = m as Record<string, unknown>;
    if (typeof meta.intent !== 'string' || typeof meta.confidence !== 'number') return null;
    return { meta: m as ReplyMeta, question: q };
  } catch {
    return null;
  }
}

/** What an "Ask <team>" button carries: the team's id, the question and the answer's one line. */
export interface AskTeamValue {
  team: string;
  question: string;
  answer: string;
  meta: ReplyMeta;
}

/** Compact JSON within the button value limit; the answer, then the question, are shortened to fit. */
export function encodeAskTeam(v: AskTeamValue): string {
  let q = v.question.slice(0, 500);
  let a = v.answer.slice(0, 800);
  const enc = () => JSON.stringify({ t: v.team, q, a, m: v.meta });
  while (enc().length > BLOCK_KIT_LIMITS.buttonValue && a.length > 0) a = a.slice(0, -50);
  while (enc().length > BLOCK_KIT_LIMITS.buttonValue && q.length > 0) q = q.slice(0, -50);
  return enc();
}

/** The inverse of `encodeAskTeam`; null when the value is not one of ours. */
export function decodeAskTeam(value: string | undefined): AskTeamValue | null {
  if (!value) return null;
  try {
    const p: unknown = JSON.parse(value);
    if (typeof p !== 'object' || p === null) return null;
    const { t, q, a, m } = p as Record<string, unknown>;
    if (typeof t !== 'string' || typeof q !== 'string' || typeof a !== 'string') return null;
    if (typeof m !== 'object' || m === null) return null;
    return { team: t, question: q, answer: a, meta: m as ReplyMeta };
  } catch {
    return null;
  }
}
