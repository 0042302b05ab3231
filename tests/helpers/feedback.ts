import { readFileSync } from 'node:fs';
import type { FeedbackRecord } from '../../src/feedback.js';

/** The records in a feedback log (JSON lines); none when the file does not exist yet. */
export function readFeedbackRecords(path: string): FeedbackRecord[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FeedbackRecord);
  } catch {
    return [];
  }
}
