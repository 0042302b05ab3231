import { describe, expect, it } from 'vitest';
import { storedConversations } from '../../src/adapters/state.js';
import type { Store } from '../../src/store/types.js';
import { engine } from '../helpers/engine.js';

/** A context store whose writes settle only when the test says so (or fail), like a slow database. */
function slowContext() {
  const values = new Map<string, unknown>();
  const waiting: Array<{ settle: () => void; fail: (err: Error) => void }> = [];
  const context: Store['context'] = {
    async get(key) {
      return values.get(key);
    },
    set(key, value) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({
          settle: () => {
            values.set(key, JSON.parse(JSON.stringify(value)));
            resolve();
          },
          fail: reject,
        });
      });
    },
    async delete(key) {
      values.delete(key);
    },
  };
  return { context, waiting };
}

describe('storedConversations.answer', () => {
  it('answers before the context is written, and a follow-up waits for that write', async () => {
    const { context, waiting } = slowContext();
    const conversations = storedConversations(engine(), context, 60_000);
    const first = await conversations.answer('who patches rds', 'k');
    expect(waiting).toHaveLength(1); // the reply is out; the write is still pending
    let secondDone = false;
    const second = conversations.answer('and lambda?', 'k').then((a) => {
      secondDone = true;
      return a;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(secondDone).toBe(false); // waits for the first write before reading the context
    waiting.shift()?.settle();
    await first.saved;
    const { reply } = await second;
    // The follow-up was read with the first turn's context: it is about Lambda, and answered.
    expect(JSON.stringify(reply)).toMatch(/lambda/i);
    const fresh = await storedConversations(engine(), slowContext().context, 60_000).answer(
      'and lambda?',
      'k',
    );
    expect(reply).not.toEqual(fresh.reply);
  });

  it('a failed write rejects `saved`, not the answer, and does not block the next message', async () => {
    const { context, waiting } = slowContext();
    const conversations = storedConversations(engine(), context, 60_000);
    const first = await conversations.answer('who patches rds', 'k');
    expect(first.reply).toBeDefined();
    waiting.shift()?.fail(new Error('disk full'));
    await expect(first.saved).rejects.toThrow('disk full');
    const next = await conversations.answer('who patches rds', 'k');
    expect(next.reply).toBeDefined();
  });

  it('ask still waits for the write', async () => {
    const { context, waiting } = slowContext();
    const conversations = storedConversations(engine(), context, 60_000);
    let done = false;
    const asked = conversations.ask('who patches rds', 'k').then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    waiting.shift()?.settle();
    await asked;
    expect(done).toBe(true);
  });
});
