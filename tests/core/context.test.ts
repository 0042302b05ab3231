import { describe, expect, it } from 'vitest';
import { ContextStore } from '../../src/core/match/context.js';

describe('ContextStore', () => {
  const turn = (at: number) => ({
    intent: 'who_owns' as const,
    service: 'rds',
    topic: 'patching' as const,
    duty: null,
    dutyStems: [],
    at,
  });

  it('remembers the last turn of a conversation', () => {
    const s = new ContextStore(1000, 10);
    s.set('a', turn(0));
    expect(s.get('a', 500)?.service).toBe('rds');
    expect(s.get('b', 500)).toBeUndefined();
  });
  it('forgets a conversation after the idle time', () => {
    const s = new ContextStore(1000, 10);
    s.set('a', turn(0));
    expect(s.get('a', 1001)).toBeUndefined();
    expect(s.size).toBe(0);
  });
  it('drops the least recently used conversation when full', () => {
    const s = new ContextStore(1000, 2);
    s.set('a', turn(0));
    s.set('b', turn(0));
    s.set('a', turn(1));
    s.set('c', turn(2));
    expect(s.get('b', 3)).toBeUndefined();
    expect(s.get('a', 3)).toBeDefined();
    expect(s.get('c', 3)).toBeDefined();
  });
});
