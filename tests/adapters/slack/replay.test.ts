import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayGuard } from '../../../src/adapters/slack/replay.js';
import { SLACK_TUNABLES } from '../../../src/adapters/slack/tunables.js';
import { memoryBacking, openMemoryStore } from '../../../src/store/memory.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import type { EventClaims } from '../../../src/store/types.js';

/**
 * Replay protection (src/adapters/slack/replay.ts): a signature seen before is refused. Where one process
 * decides (SQLite), a window in memory answers at once and the claim is written after; the store decides
 * what the window cannot know (before a restart, or forgotten to make room).
 */
const root = mkdtempSync(join(tmpdir(), 'srm-replay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const sig = (i: number) => `v0=${i.toString(16).padStart(64, '0')}`;
const turn = () => new Promise((r) => setImmediate(r));

describe('Slack replay protection', () => {
  it('decides at once from memory on a fresh SQLite store, and writes each claim with the next commit', async () => {
    const file = join(root, `db${++n}`, 'srm.sqlite');
    const store = await openSqliteStore(file, { sweepIntervalMs: 0 });
    const guard = replayGuard({ claims: store.claims });
    const ts = Math.floor(Date.now() / 1000);
    expect(guard.fresh(sig(1), ts)).toBe(true);
    expect(guard.fresh(sig(1), ts)).toBe(false);
    expect(guard.fresh(sig(2), ts)).toBe(true);
    await turn();
    // Written under the time-ordered key, where another connection sees it.
    const other = await openSqliteStore(file, { sweepIntervalMs: 0 });
    expect(other.claims.local?.held(`slack:signature:${ts}:${sig(1)}`)).toBe(true);
    expect(other.claims.local?.held(`slack:signature:${ts}:${sig(2)}`)).toBe(true);
    await other.close();
    await store.close();
  });

  it('refuses after a restart what the process before accepted, in both key forms', async () => {
    const file = join(root, `db${++n}`, 'srm.sqlite');
    const ts = Math.floor(Date.now() / 1000);
    const first = await openSqliteStore(file, { sweepIntervalMs: 0 });
    expect(replayGuard({ claims: first.claims }).fresh(sig(1), ts)).toBe(true);
    // The version before keyed claims by the signature alone.
    expect(await first.claims.claim(`slack:signature:${sig(2)}`, 600_000)).toBe(true);
    await first.close();

    const second = await openSqliteStore(file, { sweepIntervalMs: 0 });
    const guard = replayGuard({ claims: second.claims });
    expect(guard.fresh(sig(1), ts)).toBe(false);
    expect(guard.fresh(sig(2), ts)).toBe(false);
    expect(guard.fresh(sig(3), ts)).toBe(true);
    expect(guard.fresh(sig(3), ts)).toBe(false);
    await second.close();
  });

  it('asks the store once the window has forgotten signatures to make room', async () => {
    const backing = memoryBacking();
    const store = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    let now = 1_700_000_000_000;
    const guard = replayGuard({ claims: store.claims, now: () => now, capacity: 2 });
    const ts = now / 1000;
    expect(guard.fresh(sig(1), ts)).toBe(true);
    expect(guard.fresh(sig(2), ts)).toBe(true);
    expect(guard.fresh(sig(3), ts)).toBe(true); // sig(1) forgotten from memory
    expect(guard.fresh(sig(1), ts)).toBe(false); // the store still holds it
    expect(guard.fresh(sig(4), ts)).toBe(true);
    expect(guard.fresh(sig(4), ts)).toBe(false);
    // A later second is decided in memory again.
    now += 1000;
    expect(guard.fresh(sig(5), ts + 1)).toBe(true);
    expect(guard.fresh(sig(5), ts + 1)).toBe(false);
    expect([...backing.claims.keys()]).toContain(`slack:signature:${ts + 1}:${sig(5)}`);
    await store.close();
  });

  it('forgets a signature from memory once its timestamp is out of the window', async () => {
    const backing = memoryBacking();
    const store = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    let now = 1_700_000_000_000;
    const guard = replayGuard({ claims: store.claims, now: () => now });
    expect(guard.fresh(sig(1), now / 1000)).toBe(true);
    now += SLACK_TUNABLES.timestampWindowMs + 1000;
    // The front door refuses such a timestamp before asking; memory has let it go, the store has not.
    expect(guard.fresh(sig(2), now / 1000)).toBe(true);
    expect(backing.claims.size).toBe(2);
    await store.close();
  });

  it('lets the store decide every request where replicas share it (no local claims: PostgreSQL)', async () => {
    const backing = memoryBacking();
    const store = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    const shared: EventClaims = { claim: (key, ttlMs) => store.claims.claim(key, ttlMs) };
    const a = replayGuard({ claims: shared });
    const b = replayGuard({ claims: shared });
    const ts = Math.floor(Date.now() / 1000);
    const first = a.fresh(sig(1), ts);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(true);
    expect(await b.fresh(sig(1), ts)).toBe(false);
    // The key replicas of the version before also look for.
    expect([...backing.claims.keys()]).toEqual([`slack:signature:${sig(1)}`]);
    await store.close();
  });

  it('keeps refusing a replay in this process when its claim could not be written', async () => {
    const backing = memoryBacking();
    const store = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    const errors: unknown[] = [];
    const failing: EventClaims = {
      claim: async () => {
        throw new Error('disk full');
      },
      ...(store.claims.local ? { local: store.claims.local } : {}),
    };
    const guard = replayGuard({ claims: failing, onWriteError: (e) => errors.push(e) });
    const ts = Math.floor(Date.now() / 1000);
    expect(guard.fresh(sig(1), ts)).toBe(true);
    await turn();
    expect(errors).toHaveLength(1);
    expect(guard.fresh(sig(1), ts)).toBe(false);
    await store.close();
  });
});
