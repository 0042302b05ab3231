import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

let n = 0;
const ask = (text: string): Reply => engine().respond({ text, conversationKey: `u${n++}` });

describe('services the knowledge base does not cover', () => {
  it.each([
    ['who owns msk encryption', 'Amazon MSK'],
    ['who patches neptune?', 'Amazon Neptune'],
    ['is documentdb iaas or paas', 'Amazon DocumentDB'],
    ['who rotates sts credentials', 'AWS STS'],
    ['who manages the network load balancer certs', 'Elastic Load Balancing'],
    ['service msk', 'Amazon MSK'],
  ])('%s → "I don\'t know %s yet", no owner', (q, name) => {
    const r = ask(q);
    expect(r.kind).toBe('fallback');
    if (r.kind !== 'fallback') return;
    expect(r.reason).toBe('unknown_service');
    expect(r.text).toContain(`I don't know ${name} yet`);
    expect(r.meta.owner).toBeNull();
  });

  it('a covered service named beside it still gets its answer', () => {
    const r = ask('who patches s3 glacier deep archive');
    expect(r.meta).toMatchObject({ service: 's3', topic: 'patching' });
  });

  it('every name in the not-covered list is refused, none is a covered service', () => {
    for (const o of engine().kb.otherServices) {
      for (const alias of o.aliases) {
        const r = ask(`who patches ${alias}?`);
        expect(r.kind, alias).toBe('fallback');
        expect(r.meta.service, alias).toBeNull();
      }
    }
  });
});

describe('abbreviations with swapped letters', () => {
  it.each([
    ['who patches rsd', 'rds'],
    ['who encrypts sqs messages at rest? and ssq?', 'sqs'],
  ])('%s → a did-you-mean or answer for %s', (q, service) => {
    const r = ask(q);
    expect(r.meta.service).toBe(service);
  });

  it.each([
    'what is our aim for encryption',
    'who encrypts the pvc on our nas',
    'who protects my ssn in the database',
  ])('%s → no service guessed', (q) => {
    const r = ask(q);
    expect(r.meta.service).toBeNull();
  });
});

describe('"workspace" in other products', () => {
  it.each(['who manages our slack workspace', 'who patches rds for the terraform workspace'])(
    '%s is not Amazon WorkSpaces',
    (q) => {
      expect(ask(q).meta.service).not.toBe('workspaces');
    },
  );
  it.each([
    'who patches workspaces',
    'who patches my amazon workspace',
    'is WorkSpaces encryption at rest on us?',
  ])('%s is Amazon WorkSpaces', (q) => {
    expect(ask(q).meta.service).toBe('workspaces');
  });
});

describe('the service command', () => {
  it('`service <id>` gives that service table for every service, including ids that are also topics', () => {
    for (const s of engine().kb.services) {
      const r = ask(`service ${s.id.replace(/-/g, ' ')}`);
      expect(r.kind, s.id).toBe('overview');
      expect(r.meta.service, s.id).toBe(s.id);
    }
  });
});

describe('a service it does not know, beside one it does', () => {
  it('asks instead of answering for the known one unasked', () => {
    const r = ask('who patches the Elastic Load Balancer in front of our EC2 instances?');
    expect(r.kind).toBe('clarify');
    if (r.kind !== 'clarify') return;
    expect(r.text).toMatch(/^I don't know Elastic Load Balancing yet/);
    expect(r.choices.map((c) => c.service)).toEqual(['ec2']);
  });
});
