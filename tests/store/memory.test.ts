import { describe, expect, it } from 'vitest';
import { memoryBacking, openMemoryStore } from '../../src/store/memory.js';
import { type EngineHarness, storeBehaviour } from './behaviour.js';

const harness: EngineHarness = {
  name: 'memory',
  async newDatabase() {
    const backing = memoryBacking();
    return { open: (options) => openMemoryStore({ ...options, backing }) };
  },
};

describe('in-memory store', () => {
  storeBehaviour(() => harness);

  it('decides claims at once too (local claims), sharing them with claim()', async () => {
    let t = 1_000;
    const s = await openMemoryStore({ now: () => t, sweepIntervalMs: 0 });
    const local = s.claims.local;
    if (!local) throw new Error('the memory store has local claims');
    expect(local.claim('slack:signature:1:a', 100)).toBe(true);
    expect(local.claim('slack:signature:1:a', 100)).toBe(false);
    expect(await s.claims.claim('slack:signature:1:a')).toBe(false);
    expect(local.held('slack:signature:1:a')).toBe(true);
    expect(local.anyHeld('slack:signature:')).toBe(true);
    expect(local.anyHeld('slack:event:')).toBe(false);
    t += 100;
    expect(local.held('slack:signature:1:a')).toBe(false);
    expect(local.anyHeld('slack:signature:')).toBe(false);
    await s.close();
  });
});
