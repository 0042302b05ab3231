import { describe, expect, it } from 'vitest';
import { buildDutyIndex } from '../../../src/core/match/duties.js';
import {
  buildQuizBank,
  createOnboarding,
  memoryProgress,
  type Onboarding,
  type ProgressDocs,
  type QuizQuestion,
} from '../../../src/core/onboarding/index.js';
import type { QuizQuestionReply, QuizResultReply, Reply } from '../../../src/core/reply.js';
import type { Owner } from '../../../src/kb/ids.js';
import { engine } from '../../helpers/engine.js';

const kb = engine().kb;
const bank = buildQuizBank(kb);
const duties = buildDutyIndex(kb);
const WORD: Record<Owner, string> = { aws: 'aws', customer: 'you', shared: 'shared' };
const other = (o: Owner): Owner => (o === 'aws' ? 'customer' : 'aws');

function setup(seed = 'test', progress: ProgressDocs = memoryProgress()) {
  const quiz = createOnboarding({ bank, progress, seed });
  const say = async (text: string, userKey = 'u1'): Promise<Reply> => {
    const r = await quiz.handle({ text, userKey, now: 1_000 });
    if (!r) throw new Error(`not an onboarding message: ${text}`);
    return r;
  };
  return { quiz, say, progress };
}

function asQuestion(r: Reply): QuizQuestionReply {
  if (r.kind !== 'quiz_question') throw new Error(`expected a question, got ${r.kind}: ${JSON.stringify(r)}`);
  return r;
}
function asResult(r: Reply): QuizResultReply {
  if (r.kind !== 'quiz_result') throw new Error(`expected a result, got ${r.kind}: ${JSON.stringify(r)}`);
  return r;
}
/** The duty a question shows, found by its prompt in the bank (the player only sees the prompt). */
const byPrompt = new Map<string, QuizQuestion[]>();
for (const q of bank.all) byPrompt.set(q.prompt, [...(byPrompt.get(q.prompt) ?? []), q]);
function dutyOf(q: QuizQuestionReply) {
  const matches = byPrompt.get(q.prompt) ?? [];
  expect(matches.length).toBeGreaterThan(0);
  return matches;
}
/** Answers the current question by clicking its button for `owner`. */
async function click(say: (t: string) => Promise<Reply>, q: QuizQuestionReply, owner: Owner) {
  const choice = q.choices.find((c) => c.text.endsWith(` ${WORD[owner]}`));
  if (!choice) throw new Error('no such choice');
  return asResult(await say(choice.text));
}

describe('quiz questions', () => {
  it('has one question per duty with no condition, and none for a duty that has one', () => {
    const certain = duties.all.filter((r) => r.duty.conditions.length === 0).map((r) => r.key);
    expect(bank.all.map((q) => q.id).sort()).toEqual([...certain].sort());
    expect(bank.all.length).toBeGreaterThan(1000);
    for (const level of ['model', 'iaas', 'managed', 'abstracted'] as const)
      expect(bank.of(level).length, level).toBeGreaterThan(20);
  });

  it('gives every question its duty owner, the owning side’s reason, a control and an https source', () => {
    for (const q of bank.all) {
      const d = duties.get(q.id);
      expect(d, q.id).toBeDefined();
      expect(q.owner, q.id).toBe(d?.duty.owner);
      expect(q.prompt, q.id).toContain(d?.duty.label);
      expect(q.reason.length, q.id).toBeGreaterThan(10);
      if (q.owner === 'aws' && d?.duty.aws) expect(d.duty.aws.startsWith(q.reason), q.id).toBe(true);
      if (q.owner === 'customer' && d?.duty.customer)
        expect(d.duty.customer.startsWith(q.reason), q.id).toBe(true);
      expect(q.source.url, q.id).toMatch(/^https:\/\//);
      expect(d?.duty.sources, q.id).toContain(q.source.url);
    }
  });

  it('plays every question in the bank and marks each right exactly when the duty’s owner is chosen', async () => {
    const { say } = setup('every');
    const seen = new Set<string>();
    for (let round = 0; round < 400 && seen.size < bank.all.length; round++) {
      let r = await say('quiz 10');
      for (;;) {
        const q = asQuestion(r);
        const candidates = dutyOf(q);
        const owner = duties.get(candidates[0]?.id as string)?.duty.owner as Owner;
        // Prompts are unique per owner: two duties with one prompt never disagree on the owner.
        for (const c of candidates) expect(duties.get(c.id)?.duty.owner, c.id).toBe(owner);
        for (const c of candidates) seen.add(c.id);
        const res = await click(say, q, owner);
        expect(res.correct).toBe(true);
        expect(res.owner).toBe(owner);
        if (res.summary) break;
        r = await say('quiz next');
      }
    }
    expect(seen.size).toBe(bank.all.length);
  });
});

describe('quiz rounds', () => {
  it('draws the same rounds for the same seed and player, and other rounds for another seed', async () => {
    const prompts = async (seed: string) => {
      const { say } = setup(seed);
      const out: string[] = [];
      let r = await say('quiz');
      for (let i = 0; i < 5; i++) {
        const q = asQuestion(r);
        out.push(q.prompt);
        const res = await click(say, q, q.index % 2 ? 'aws' : 'customer');
        if (res.summary) break;
        r = await say('quiz next');
      }
      return out;
    };
    expect(await prompts('a')).toEqual(await prompts('a'));
    expect(await prompts('a')).not.toEqual(await prompts('b'));
  });

  it('starts at the model in general, keeps a score and streak, and unlocks IaaS after a good round', async () => {
    const { say } = setup();
    let q = asQuestion(await say('quiz'));
    expect(q.level).toBe('The model in general');
    expect(q.total).toBe(5);
    let res: QuizResultReply | undefined;
    for (let i = 1; i <= 5; i++) {
      res = await click(say, q, dutyOf(q)[0]?.owner as Owner);
      expect(res.score).toEqual({ right: i, answered: i, streak: i });
      if (i < 5) q = asQuestion(await say('quiz next'));
    }
    expect(res?.summary).toContain('Next level unlocked: Infrastructure (IaaS)');
    q = asQuestion(await say('quiz next'));
    expect(q.level).toBe('Infrastructure (IaaS)');
    expect(dutyOf(q).some((x) => x.level === 'iaas')).toBe(true);
  });

  it('brings a missed question back in the next round (Leitner box 1)', async () => {
    const { say } = setup();
    let q = asQuestion(await say('quiz'));
    const missed = q.prompt;
    const res = await click(say, q, other(dutyOf(q)[0]?.owner as Owner));
    expect(res.correct).toBe(false);
    expect(res.score.streak).toBe(0);
    for (let i = 2; i <= 5; i++) {
      q = asQuestion(await say('quiz next'));
      await click(say, q, dutyOf(q)[0]?.owner as Owner);
    }
    const next: QuizQuestionReply[] = [];
    let r = await say('quiz new');
    for (let i = 0; i < 5; i++) {
      const nq = asQuestion(r);
      next.push(nq);
      await click(say, nq, 'shared');
      r = await say('quiz next');
    }
    const back = next.find((x) => x.prompt === missed);
    expect(back?.review).toBe(true);
    const progress = await say('progress');
    expect(progress.kind).toBe('progress');
  });

  it('counts a second click on an answered question once, and says the round moved on for an old one', async () => {
    const { say, progress } = setup();
    const q = asQuestion(await say('quiz'));
    const first = q.choices[0]?.text as string;
    await say(first);
    const before = JSON.stringify(await progress.get('u1'));
    const again = await say(first);
    expect(again.kind).toBe('message');
    expect(JSON.stringify(again)).toContain('already answered');
    expect(JSON.stringify(await progress.get('u1'))).toBe(before);

    await say('quiz new');
    const afterNew = JSON.stringify(await progress.get('u1'));
    const stale = await say(q.choices[1]?.text as string);
    expect(JSON.stringify(stale)).toContain('earlier round');
    expect(stale.kind).toBe('quiz_question');
    expect(JSON.stringify(await progress.get('u1'))).toBe(afterNew);
  });

  it('scores two simultaneous clicks on one question once', async () => {
    const { say, progress } = setup();
    const q = asQuestion(await say('quiz'));
    const text = q.choices[0]?.text as string;
    const replies = await Promise.all([say(text), say(text), say(text)]);
    expect(replies.filter((r) => r.kind === 'quiz_result')).toHaveLength(1);
    expect((await progress.get('u1')) as { seen: number }).toMatchObject({ seen: 1 });
  });

  it.each([
    'quiz answer',
    'quiz answer 1 1 maybe',
    'quiz answer 1 99 aws',
    'quiz answer 1 2 aws',
    'quiz answer one 1 aws',
    'quiz answer 1 1 aws; drop table',
    'quiz something',
  ])('refuses the malformed answer %j clearly and changes no score', async (text) => {
    const { say, progress } = setup();
    await say('quiz');
    const before = JSON.stringify(await progress.get('u1'));
    const r = await say(text);
    expect(r.kind).toBe('message');
    expect(JSON.stringify(r)).toMatch(/couldn't read that quiz answer|nothing was scored/);
    expect(JSON.stringify(await progress.get('u1'))).toBe(before);
  });

  it('starts afresh from a stored document it cannot read, and leaves other messages to the engine', async () => {
    const progress = memoryProgress();
    await progress.put('u1', { v: 99, junk: true });
    const { say, quiz } = setup('x', progress);
    expect(asQuestion(await say('quiz')).index).toBe(1);
    const q: Onboarding = quiz;
    expect(await q.handle({ text: 'who patches rds', userKey: 'u1' })).toBeNull();
    expect(await q.handle({ text: 'you', userKey: 'nobody-playing' })).toBeNull();
  });

  it('answers a bare "aws" / "you" / "shared" for the question being played', async () => {
    const { say } = setup();
    const q = asQuestion(await say('quiz'));
    const res = asResult(await say('you'));
    expect(res.chosen).toBe('customer');
    expect(res.correct).toBe(dutyOf(q)[0]?.owner === 'customer');
  });
});
