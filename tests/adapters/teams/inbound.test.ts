import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { questionText, stripAtTags } from '../../../src/adapters/teams/conversation.js';

const message = (text: string): Activity =>
  ({ type: 'message', text, recipient: { id: 'bot' }, entities: [] }) as unknown as Activity;

describe('Teams inbound translation (questionText)', () => {
  it('removes every <at> mention, with or without attributes, and keeps the question', () => {
    expect(questionText(message('<at>srm</at> who patches rds?'))).toBe('who patches rds?');
    expect(questionText(message('<at id="0">Bob</at> and <AT>srm</AT> hi'))).toBe('and   hi');
    expect(stripAtTags('a <at>b</at> c <at x="1">d</at> e')).toBe('a   c   e');
  });

  it('keeps text after an opening tag that is never closed', () => {
    expect(stripAtTags('<at>srm</at> <at x who patches rds')).toBe('  <at x who patches rds');
  });

  it('returns on megabytes of text repeating <at x, <at> and </at> (no backtracking)', () => {
    for (const unit of ['<at x', '<at>', '<at x>', '</at>', '<at>a</at']) {
      const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
      expect(typeof stripAtTags(text), unit).toBe('string');
    }
  });

  it('cuts the text to 8,000 characters before anything runs over it', () => {
    expect(questionText(message('<at x'.repeat(50_000))).length).toBeLessThanOrEqual(8_000);
    expect(questionText(message('a'.repeat(300_000))).length).toBe(8_000);
  });
});
