import type { FeedbackInput } from '../../src/store/types.js';

/** The row number i is written as by the burst writer. */
export function burstRow(i: number): Required<Omit<FeedbackInput, 'at'>>;
