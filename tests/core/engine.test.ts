import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine, freshEngine } from '../helpers/engine.js';

let n = 0;
const ask = (text: string, key = `t${n++}`): Reply => engine().respond({ text, conversationKey: key });

describe('answers the questions from the issue', () => {
  it('who patches RDS? → AWS, patch management, RDS.13, docs and follow-ups', () => {
    const r = ask('who patches RDS?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.owner).toBe('aws');
    expect(r.meta).toMatchObject({
      intent: 'who_owns',
      service: 'rds',
      topic: 'patching',
      control: 'patch-management',
    });
    expect(r.controls.map((c) => c.id)).toContain('patch-management');
    expect(r.controls.find((c) => c.id === 'patch-management')?.kind).toBe('shared');
    expect(r.securityHub.map((c) => c.id)).toContain('RDS.13');
    expect(r.docs.length).toBeGreaterThan(0);
    for (const d of r.docs) expect(d.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    expect(r.followUps.length).toBeGreaterThanOrEqual(2);
    expect(r.customer).toMatch(/maintenance window/i);
  });

  it('do I have to patch my ec2 boxes → customer', () => {
    const r = ask('do I have to patch my ec2 boxes');
    expect(r.kind).toBe('answer');
    expect(r.meta).toMatchObject({ service: 'ec2', topic: 'patching', owner: 'customer' });
  });

  it('and lambda? right after → the same topic for Lambda', () => {
    const key = 'follow-up-lambda';
    ask('do I have to patch my ec2 boxes', key);
    const r = ask('and lambda?', key);
    expect(r.kind).toBe('answer');
    expect(r.meta).toMatchObject({ intent: 'who_owns', service: 'lambda', topic: 'patching' });
  });

  it('keeps the service when the follow-up names a topic', () => {
    const key = 'follow-up-topic';
    ask('who patches rds', key);
    const r = ask('what about backups?', key);
    expect(r.meta).toMatchObject({ intent: 'who_owns', service: 'rds', topic: 'backup' });
  });

  it('who pacthes rsd → RDS patching, or a did-you-mean offering RDS; never another service', () => {
    const r = ask('who pacthes rsd');
    if (r.kind === 'clarify') {
      expect(r.choices.map((c) => c.service)).toContain('rds');
      // Clicking the choice asks its text, which must answer RDS patching.
      const chosen = ask(r.choices[0]?.text ?? '');
      expect(chosen.meta).toMatchObject({ service: 'rds', topic: 'patching' });
    } else {
      expect(r.meta).toMatchObject({ service: 'rds', topic: 'patching' });
    }
  });

  it.each([
    ["what's the difference between security of the cloud and in the cloud", 'explain_model'],
    ['what are inherited controls', 'explain_control'],
    ['give me examples of shared controls', 'explain_control'],
    ['is RDS IaaS or PaaS', 'service_model'],
    ['what am I responsible for with S3', 'service_overview'],
    ['ec2 vs rds patching', 'compare'],
    ['help', 'help'],
    ['thanks', 'smalltalk'],
  ])('%s → %s', (text, intent) => {
    const r = ask(text);
    expect(r.meta.intent).toBe(intent);
    expect(r.kind).not.toBe('fallback');
  });

  it('explains the control asked about', () => {
    expect(ask('what are inherited controls').meta.control).toBe('inherited');
    expect(ask('give me examples of shared controls').meta.control).toBe('shared');
  });

  it('compares both services on the topic', () => {
    const r = ask('ec2 vs rds patching');
    expect(r.kind).toBe('compare');
    if (r.kind !== 'compare') return;
    expect(r.columns.map((c) => c.service)).toEqual(['ec2', 'rds']);
    expect(r.columns.map((c) => c.owner)).toEqual(['customer', 'aws']);
  });

  it("what's the weather in Paris → an honest fallback with example questions", () => {
    const r = ask("what's the weather in Paris");
    expect(r.kind).toBe('fallback');
    if (r.kind !== 'fallback') return;
    expect(r.reason).toBe('out_of_scope');
    expect(r.examples.length).toBeGreaterThan(2);
  });
});

describe('leading and negated questions', () => {
  it.each([
    ["AWS doesn't patch lambda, right?", 'lambda', 'patching'],
    ['so I dont need to encrypt dynamodb myself?', 'dynamodb', 'encryption-at-rest'],
    ['surely backups for aurora are on aws', 'aurora', 'backup'],
  ])('%s', (text, service, topic) => {
    const r = ask(text);
    expect(r.kind).toBe('answer');
    expect(r.meta).toMatchObject({ service, topic });
  });
});

describe('bad input gets a clear reply', () => {
  it('an empty message', () => {
    const r = ask('   ');
    expect(r.kind).toBe('fallback');
    if (r.kind === 'fallback') expect(r.reason).toBe('empty');
  });
  it('refuses a huge message, saying why', () => {
    const r = ask('who patches rds '.repeat(500));
    expect(r.kind).toBe('fallback');
    if (r.kind === 'fallback') {
      expect(r.reason).toBe('too_long');
      expect(r.text).toMatch(/2,000 characters/);
    }
  });
  it('an emoji alone is an acknowledgement', () => {
    expect(ask('👍').meta.intent).toBe('smalltalk');
  });
  it('an unknown service in a command', () => {
    const r = ask('service frobnicator');
    expect(r.kind).toBe('fallback');
    if (r.kind === 'fallback') expect(r.reason).toBe('unknown_service');
  });
  it('another cloud is out of scope, not answered as AWS', () => {
    expect(ask('who patches azure vms').kind).toBe('fallback');
  });
});

describe('commands', () => {
  it('service <name> gives the whole table', () => {
    const r = ask('service rds');
    expect(r.kind).toBe('overview');
    if (r.kind === 'overview') expect(r.rows.length).toBeGreaterThanOrEqual(15);
  });
  it('model and controls explain', () => {
    expect(ask('model').kind).toBe('explain');
    expect(ask('controls').kind).toBe('explain');
  });
});

describe('conversation context', () => {
  it('is kept per conversation key', () => {
    const e = freshEngine();
    e.respond({ text: 'who patches rds', conversationKey: 'a' });
    const other = e.respond({ text: 'and lambda?', conversationKey: 'b' });
    expect(other.meta.topic).toBeNull();
  });
  it('expires after the idle time', () => {
    const e = freshEngine(60_000);
    e.respond({ text: 'who patches rds', conversationKey: 'a', now: 0 });
    expect(e.respond({ text: 'and lambda?', conversationKey: 'a', now: 30_000 }).meta.topic).toBe('patching');
    const late = e.respond({ text: 'and aurora?', conversationKey: 'a', now: 30_000 + 60_001 });
    expect(late.meta.topic).toBeNull();
  });
});
