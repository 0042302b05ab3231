import { describe, expect, it } from 'vitest';
import { benchStore, renderStoreBench } from '../../bench/store.js';

describe('store benchmark', () => {
  it('times every engine beside the in-process Map and renders a table', async () => {
    const rows = await benchStore({ messages: 50, warmUp: 5 });
    expect(rows.map((r) => r.engine.split(' ')[0])).toEqual(['in-process', 'memory', 'SQLite', 'PostgreSQL']);
    for (const r of rows.filter((x) => !x.note)) {
      expect(r.messages).toBeGreaterThan(0);
      expect(r.p99Us).toBeGreaterThanOrEqual(r.medianUs);
    }
    expect(renderStoreBench(rows)).toMatch(/^Per message: context get \+ context set \+ event claim/);
  }, 60_000);
});
