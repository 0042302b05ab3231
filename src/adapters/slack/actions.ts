import { decodeMeta, SERVICE_ID } from '../../core/meta.js';
import type { Reply, ReplyMeta } from '../../core/reply.js';
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
  /** Expands a short answer in place into the full one; `less` folds it back. Value: what to re-ask. */
  details: 'srm_details',
  less: 'srm_less',
  /** Slack's native thumbs (a `feedback_buttons` element in a `context_actions` block). */
  nativeFeedback: 'srm_feedback',
  askTeam: 'srm_ask_team',
});

/** What a "Helpful" / "Not quite" button carries: the reply's meta and the question, as compact JSON. */
export interface FeedbackValue {
  meta: ReplyMeta;
  question: string;
  /** Native feedback buttons carry their side in the value: 1 (positive) or -1 (negative). */
  sign?: 1 | -1;
}

/** Compact JSON within the button value limit; the question is shortened if it has to be. */
export function encodeFeedback(meta: ReplyMeta, question: string, sign?: 1 | -1): string {
  const json = (q: string) => JSON.stringify(sign ? { m: meta, q, s: sign } : { m: meta, q });
  const room = BLOCK_KIT_LIMITS.buttonValue - json('').length;
  let q = question.slice(0, Math.max(0, room));
  // JSON escaping can lengthen the question; shorten until it fits.
  while (q.length > 0 && json(q).length > BLOCK_KIT_LIMITS.buttonValue) q = q.slice(0, -10);
  return json(q);
}

/** The inverse of `encodeFeedback`; null when the value is not one of ours. */
export function decodeFeedback(value: string | undefined): FeedbackValue | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { m, q, s } = parsed as { m?: unknown; q?: unknown; s?: unknown };
    if (typeof q !== 'string' || typeof m !== 'object' || m === null) return null;
    // Checked field by field: a forged value writes nothing it made up to the feedback table.
    const meta = decodeMeta(m);
    if (!meta) return null;
    return { meta, question: q, ...(s === 1 || s === -1 ? { sign: s } : {}) };
  } catch {
    return null;
  }
}

/** What a Details / Less button carries: what to re-ask, and the question the answer was for. */
export interface ToggleValue {
  /** `duty <key>`, or the question as understood. */
  ask: string;
  /** The question as understood, so feedback on the redrawn answer still names what was asked. */
  question: string;
}

/**
 * The Details / Less value of an answer: it re-asks the duty by its key when the answer named one and no
 * condition of the question changed its owner (so the answer does not depend on what was asked since),
 * else the question as it was understood. Null when it does not fit in a button value.
 */
export function toggleValue(reply: Reply, question = reply.question): string | null {
  const duty = reply.kind === 'answer' && reply.duty && !reply.duty.condition ? reply.duty.id : null;
  const ask = duty ? `duty ${duty}` : reply.question;
  if (!ask) return null;
  const value = JSON.stringify({ a: ask, q: question });
  if (value.length <= BLOCK_KIT_LIMITS.buttonValue) return value;
  const bare = JSON.stringify({ a: ask, q: '' });
  return bare.length <= BLOCK_KIT_LIMITS.buttonValue ? bare : null;
}

/** The inverse of `toggleValue`; null when the value is not one of ours. */
export function decodeToggle(value: string | undefined): ToggleValue | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as { a?: unknown; q?: unknown } | null;
    if (!parsed || typeof parsed.a !== 'string' || !parsed.a || typeof parsed.q !== 'string') return null;
    return { ask: parsed.a, question: parsed.q || parsed.a };
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

/**
 * The inverse of `encodeAskTeam`; null when the value is not one of ours. The labels are checked field by
 * field (they are written to the feedback row), the team id by its shape (the listener then looks it up
 * in the ownership file).
 */
export function decodeAskTeam(value: string | undefined): AskTeamValue | null {
  if (!value) return null;
  try {
    const p: unknown = JSON.parse(value);
    if (typeof p !== 'object' || p === null) return null;
    const { t, q, a, m } = p as Record<string, unknown>;
    if (typeof t !== 'string' || typeof q !== 'string' || typeof a !== 'string') return null;
    if (!SERVICE_ID.test(t)) return null;
    const meta = decodeMeta(m);
    if (!meta) return null;
    return { team: t, question: q, answer: a, meta };
  } catch {
    return null;
  }
}
