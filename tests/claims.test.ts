import { describe, expect, it } from 'vitest';
import { memoryClaims } from '../src/claims.js';

describe('memoryClaims (src/claims.ts)', () => {
  it('grants a key once within its time to live, and again after it', async () => {
    let t = 1_000;
    const claims = memoryClaims({ now: () => t });
    expect(await claims.claim('a', 100)).toBe(true);
    expect(await claims.claim('a', 100)).toBe(false);
    expect(await claims.claim('b', 100)).toBe(true);
    t += 101;
    expect(await claims.claim('a', 100)).toBe(true);
  });

  it('stays bounded under a flood of distinct keys, forgetting the oldest', async () => {
    const claims = memoryClaims({ maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) await claims.claim(`k${i}`, 60_000);
    expect(await claims.claim('k9999', 60_000)).toBe(false);
    expect(await claims.claim('k0', 60_000)).toBe(true);
  });
});
