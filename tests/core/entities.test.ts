import { describe, expect, it } from 'vitest';
import { buildEntityIndex } from '../../src/core/match/entities.js';
import { engine } from '../helpers/engine.js';

const index = buildEntityIndex(engine().kb);
const services = (text: string) => index.extract(text).services.map((m) => m.id);
const topics = (text: string) => index.extract(text).topics.map((m) => m.id);

describe('service entities', () => {
  it('finds services by short name, full name and multi-word alias', () => {
    expect(services('who patches rds')).toEqual(['rds']);
    expect(services('amazon relational database service backups')).toEqual(['rds']);
    expect(services('is elastic beanstalk iaas')).toEqual(['elastic-beanstalk']);
    expect(services('route 53 logging')).toEqual(['route53']);
  });
  it('finds old names and spacing variants', () => {
    expect(services('who patches elasticsearch')).toEqual(['opensearch']);
    expect(services('elastic search encryption')).toEqual(['opensearch']);
  });
  it('finds plurals', () => {
    expect(services('do I patch my ec2 instances')).toEqual(['ec2']);
  });
  it('tolerates typos in longer names, with less confidence', () => {
    const m = index.extract('who patches lambdda').services[0];
    expect(m?.id).toBe('lambda');
    expect(m?.confidence).toBeLessThan(1);
    expect(services('dynamdb encryption')).toEqual(['dynamodb']);
  });
  it('reads a 3-letter transposition as a weak guess', () => {
    const m = index.extract('who pacthes rsd').services[0];
    expect(m?.id).toBe('rds');
    expect(m?.confidence).toBeLessThan(0.6);
  });
  it('does not see services in short everyday words', () => {
    for (const text of [
      'is that on us',
      'am i responsible for it',
      'who is on call',
      'can we use blue green deployments',
    ]) {
      expect(services(text), text).toEqual([]);
    }
  });
  it('does not read generic words as AWS Backup or AWS Config', () => {
    expect(services('who handles backups for rds')).toEqual(['rds']);
    expect(services('who manages configuration of rds')).toEqual(['rds']);
  });
});

describe('topic entities', () => {
  it('finds topics from synonyms after stemming', () => {
    expect(topics('who patches rds')).toEqual(['patching']);
    expect(topics('is data encrypted at rest')).toContain('encryption-at-rest');
    expect(topics('who configures security groups')).toContain('network-security');
  });
  it('tolerates typos in topic words', () => {
    expect(topics('who pacthes rds')).toEqual(['patching']);
  });
});

describe('two-edit corrections keep the first letter', () => {
  it('a real word two letters from a known one is left as it is', () => {
    // "degraded" is two edits from "upgraded" (a patching word): it is not corrected into it.
    expect(index.extract('our instance runs on degraded hardware').stems).not.toContain('upgrad');
    expect(topics('the host is degraded')).not.toContain('patching');
  });
  it('a two-edit typo that keeps the first letter is still read', () => {
    expect(topics('who handles encrpytoin at rest')).toContain('encryption-at-rest');
    expect(services('who patches elastcache')).toEqual(['elasticache']);
  });
});

describe('"workspace" names Amazon WorkSpaces, except after another product', () => {
  it.each(['who encrypts the user volume of a workspace?', 'who patches windows on our workspace?'])(
    '%s → workspaces',
    (text) => {
      const r = engine().respond({ text, conversationKey: `ws${Math.random()}` });
      expect(r.meta.service).toBe('workspaces');
    },
  );
  it('"our slack workspace" is no WorkSpaces', () => {
    const r = engine().respond({ text: 'who manages our slack workspace?', conversationKey: 'ws-slack' });
    expect(r.meta.service).toBeNull();
  });
});
