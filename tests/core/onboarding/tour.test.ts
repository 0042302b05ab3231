import { describe, expect, it } from 'vitest';
import type { TourReply } from '../../../src/core/reply.js';
import { engine } from '../../helpers/engine.js';

const ask = (text: string) => engine().respond({ text, conversationKey: `tour:${text}` });
const step = (text: string): TourReply => {
  const r = ask(text);
  if (r.kind !== 'tour') throw new Error(`expected a tour step for ${text}, got ${r.kind}`);
  return r;
};

describe('the tour', () => {
  it('has seven steps, each with Next and Back where they lead somewhere', () => {
    const first = step('tour');
    expect(first.index).toBe(1);
    expect(first.total).toBe(7);
    expect(first.nav.map((n) => n.text)).toEqual(['tour 2']);
    for (let i = 2; i < 7; i++)
      expect(step(`tour ${i}`).nav.map((n) => n.text)).toEqual([`tour ${i - 1}`, `tour ${i + 1}`]);
  });

  it('covers of/in the cloud, the layers, the line with one service per model, the controls, your work and asking', () => {
    const titles = Array.from({ length: 7 }, (_, i) => step(`tour ${i + 1}`).title);
    expect(titles).toEqual([
      'Security of the cloud, security in the cloud',
      'The layers, from the ground up',
      'How the line moves: IaaS, managed, abstracted',
      'The three kinds of IT control',
      'Where your work is',
      'How to ask me',
      'Ready for the quiz?',
    ]);
    const line = step('tour 3')
      .points.map((p) => p.text)
      .join('\n');
    expect(line).toMatch(/Amazon EC2.*You/);
    expect(line).toMatch(/Amazon RDS.*AWS/);
    expect(line).toMatch(/Amazon S3/);
    expect(step('tour 4').points).toHaveLength(3);
    expect(
      step('tour 5')
        .points.map((p) => p.text)
        .join(' '),
    ).toMatch(/Identity|IAM/);
    expect(
      step('tour 6')
        .points.map((p) => p.text)
        .join(' '),
    ).toContain('quiz');
  });

  it('ends by offering the quiz, and reads a step out of range as the first', () => {
    expect(step('tour 7').nav.map((n) => n.text)).toEqual(['tour 6', 'quiz', 'quiz 10']);
    expect(step('tour 99').index).toBe(1);
    expect(step('srm tour').index).toBe(1);
  });

  it('lists tour, quiz and progress in help', () => {
    const help = ask('help');
    expect(JSON.stringify(help)).toMatch(/`tour`.*`quiz`.*`progress`/);
  });

  it('says the quiz needs a place to keep score when no onboarding store answers first', () => {
    const r = ask('quiz');
    expect(r.kind).toBe('message');
    expect(JSON.stringify(r)).toContain('keeps a score per person');
  });
});
