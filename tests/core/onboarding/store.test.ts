import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnboarding, type ProgressDocs } from '../../../src/core/onboarding/index.js';
import type { Reply } from '../../../src/core/reply.js';
import { openPostgresStore } from '../../../src/store/postgres.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { quizBank } from '../../helpers/onboarding.js';
import { type PostgresCluster, postgresAvailability, startPostgres } from '../../helpers/postgres.js';

/** Quiz progress kept in the store's engines: the store's `progress` is the onboarding's ProgressDocs. */

const USER = 'slack:T1:U1';

function player(progress: ProgressDocs) {
  const o = createOnboarding({ bank: quizBank(), progress, seed: 'store' });
  return async (text: string): Promise<Reply> => {
    const r = await o.handle({ text, userKey: USER, now: 5_000 });
    if (!r) throw new Error(text);
    return r;
  };
}

async function answerCurrent(say: (t: string) => Promise<Reply>): Promise<Reply> {
  const q = await say('quiz');
  if (q.kind !== 'quiz_question') throw new Error(q.kind);
  return say(q.choices[0]?.text as string);
}

describe('quiz progress in the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srm-onboard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: the round goes on where it was, and a click from before counts once', async () => {
    const file = join(dir, 'srm.db');
    let store = await openSqliteStore(file, { sweepIntervalMs: 0 });
    let say = player(store.progress);
    const q1 = await say('quiz');
    if (q1.kind !== 'quiz_question') throw new Error(q1.kind);
    await say(q1.choices[0]?.text as string);
    await store.close();

    store = await openSqliteStore(file, { sweepIntervalMs: 0 });
    say = player(store.progress);
    const again = await say(q1.choices[1]?.text as string);
    expect(JSON.stringify(again)).toContain('already answered');
    const q2 = await say('quiz');
    expect(q2).toMatchObject({ kind: 'quiz_question', index: 2, score: { answered: 1 } });
    expect(await store.progress.get(USER)).toMatchObject({ seen: 1, rounds: 1 });
    await store.close();
  });
});

const { bin, skip } = postgresAvailability();

describe.skipIf(skip)('quiz progress in the PostgreSQL store', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres(bin);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('is shared by two replicas: an answer on one is seen, and not counted again, on the other', async () => {
    const url = await cluster.createDatabase('onboarding');
    const a = await openPostgresStore(url, { sweepIntervalMs: 0 });
    const b = await openPostgresStore(url, { sweepIntervalMs: 0 });
    try {
      const onA = player(a.progress);
      const onB = player(b.progress);
      const q = await onA('quiz');
      if (q.kind !== 'quiz_question') throw new Error(q.kind);
      expect((await onA(q.choices[0]?.text as string)).kind).toBe('quiz_result');
      // The same button, clicked again, lands on the other replica.
      expect(JSON.stringify(await onB(q.choices[0]?.text as string))).toContain('already answered');
      expect(await onB('quiz')).toMatchObject({ kind: 'quiz_question', index: 2 });
      await answerCurrent(onB);
      expect(await a.progress.get(USER)).toMatchObject({ seen: 2 });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('two replicas sharing progress and claims', () => {
  it('score simultaneous clicks on one question, one on each replica, once', async () => {
    const { memoryBacking, openMemoryStore } = await import('../../../src/store/memory.js');
    const backing = memoryBacking();
    const one = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    const two = await openMemoryStore({ backing, sweepIntervalMs: 0 });
    const replica = (s: typeof one) =>
      createOnboarding({ bank: quizBank(), progress: s.progress, claims: s.claims, seed: 'r' });
    const [a, b] = [replica(one), replica(two)];
    const q = await a.handle({ text: 'quiz', userKey: USER });
    if (q?.kind !== 'quiz_question') throw new Error('no question');
    const text = q.choices[0]?.text as string;
    const replies = await Promise.all([a.handle({ text, userKey: USER }), b.handle({ text, userKey: USER })]);
    expect(replies.filter((r) => r?.kind === 'quiz_result')).toHaveLength(1);
    expect(await one.progress.get(USER)).toMatchObject({ seen: 1 });
    await one.close();
    await two.close();
  });
});
