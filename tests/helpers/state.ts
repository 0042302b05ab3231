import { type AdapterState, adapterState } from '../../src/adapters/state.js';
import type { ContextualEngine } from '../../src/core/engine.js';
import type { Logger } from '../../src/log.js';
import { type MemoryBacking, memoryBacking, openMemoryStore } from '../../src/store/memory.js';
import type { FeedbackRow, Store } from '../../src/store/types.js';
import { engine as sharedEngine } from './engine.js';

/**
 * The adapters' state over an in-memory store of its own: conversations, claims and feedback rows as
 * the SQLite and PostgreSQL engines keep them (values go through JSON), readable synchronously through
 * the backing. Several states opened on one backing behave like replicas sharing one database.
 */
export interface TestState {
  state: AdapterState;
  store: Store;
  backing: MemoryBacking;
  /** The feedback rows written so far, oldest first. */
  feedbackRows(): FeedbackRow[];
}

export async function memoryState(
  opts: { engine?: ContextualEngine; backing?: MemoryBacking; contextTtlMs?: number; logger?: Logger } = {},
): Promise<TestState> {
  const backing = opts.backing ?? memoryBacking();
  const store = await openMemoryStore({ backing, sweepIntervalMs: 0 });
  return {
    state: adapterState(opts.engine ?? sharedEngine(), store, opts.contextTtlMs ?? 60_000, opts.logger),
    store,
    backing,
    feedbackRows: () => backing.feedback.map((r) => ({ ...r })),
  };
}
