import { CONTROLS, INTENTS, OWNERS, TOPICS } from '../kb/ids.js';
import type { ReplyMeta } from './reply.js';

/**
 * Reads a reply's labels back from what a platform posted (a button value, card data): anyone can post
 * anything to the bot, so every field is checked against the knowledge base's ids and a fresh object
 * with only the known fields is returned; null when it is not one of ours. Feedback rows are written
 * from this, never from the posted value as sent.
 */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);
export const SERVICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function decodeMeta(v: unknown): ReplyMeta | null {
  if (!isRecord(v)) return null;
  const { intent, service, topic, owner, control, confidence, duty } = v;
  if (!oneOf(INTENTS, intent)) return null;
  if (service !== null && !(typeof service === 'string' && service.length <= 64 && SERVICE_ID.test(service)))
    return null;
  if (topic !== null && !oneOf(TOPICS, topic)) return null;
  if (owner !== null && !oneOf(OWNERS, owner)) return null;
  if (control !== null && !oneOf(CONTROLS, control)) return null;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    return null;
  // The duty answered (`rds.engine-os-patching`), so feedback names the task, not only its area.
  if (duty !== undefined && duty !== null && !(typeof duty === 'string' && DUTY_KEY.test(duty))) return null;
  return {
    intent,
    service,
    topic,
    owner,
    control,
    confidence,
    ...(typeof duty === 'string' ? { duty } : {}),
  };
}

const DUTY_KEY = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/;
