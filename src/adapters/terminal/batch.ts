import type { Engine } from '../../core/engine.js';
import { renderText } from './render.js';

/** One output line of `srm batch`. */
export interface BatchResult {
  id: string | number | null;
  intent?: string;
  service?: string | null;
  topic?: string | null;
  owner?: string | null;
  control?: string | null;
  /** The duty answered (`rds.maintenance-window`), or null for an area answer or no answer. */
  duty?: string | null;
  confidence?: number;
  text?: string;
  error?: string;
}

/**
 * Answers one JSON input line `{"id", "text", "context": [earlier messages]}`: the context is replayed
 * first in a conversation of its own, so every line is independent of the others.
 */
export function answerLine(engine: Engine, line: string, lineNo: number): BatchResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return {
      id: null,
      error: `line ${lineNo}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { id: null, error: `line ${lineNo}: expected a JSON object with "id" and "text"` };
  }
  const { id, text, context } = input as Record<string, unknown>;
  const okId = typeof id === 'string' || typeof id === 'number';
  if (!okId || typeof text !== 'string') {
    return {
      id: null,
      error: `line ${lineNo}: "id" must be a string or number and "text" a string`,
    };
  }
  if (context !== undefined && !(Array.isArray(context) && context.every((c) => typeof c === 'string'))) {
    return { id: null, error: `line ${lineNo}: "context" must be a list of earlier messages (strings)` };
  }
  const conversationKey = `batch:${lineNo}:${String(id)}`;
  const now = Date.now();
  for (const earlier of (context as string[] | undefined) ?? [])
    engine.respond({ text: earlier, conversationKey, now });
  const reply = engine.respond({ text, conversationKey, now });
  const m = reply.meta;
  return {
    id,
    intent: m.intent,
    service: m.service,
    topic: m.topic,
    owner: m.owner,
    control: m.control,
    duty: m.duty ?? null,
    confidence: m.confidence,
    text: renderText(reply),
  };
}
