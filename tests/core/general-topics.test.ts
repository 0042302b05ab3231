import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { engine } from '../helpers/engine.js';

let n = 0;
const ask = (text: string): Reply => engine().respond({ text, conversationKey: `g${n++}` });

/**
 * Topics whose general answer holds for every service (awareness & training, incident response) are
 * answered with that general answer on any service, never as "not applicable", and show up in the
 * service table with the general owner.
 */
describe('topics that hold for every service', () => {
  it('incident response on a service with no entry of its own → the general shared answer, marked general', () => {
    const s3 = engine().kb.services.find((s) => s.id === 's3');
    expect(s3?.topics['incident-response']).toBeUndefined();
    const r = ask('who handles incident response for s3?');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.meta).toMatchObject({ service: 's3', topic: 'incident-response', owner: 'shared' });
    expect(r.notes.join(' ')).toMatch(/general rule of the model/);
  });

  it('training on Lambda → shared, awareness & training control, with the service remark', () => {
    const r = ask('who handles security training for lambda');
    expect(r.kind).toBe('answer');
    if (r.kind !== 'answer') return;
    expect(r.meta).toMatchObject({
      service: 'lambda',
      topic: 'training',
      owner: 'shared',
      control: 'awareness-training',
    });
  });

  it('the service table lists training and incident response with the shared owner', () => {
    const r = ask('srm service lambda');
    expect(r.kind).toBe('overview');
    if (r.kind !== 'overview') return;
    for (const topic of ['training', 'incident-response'] as const) {
      expect(r.rows.find((row) => row.topic === topic)?.owner, topic).toBe('shared');
    }
  });

  it('a topic that does not apply says so with the reason, not a guess', () => {
    const waf = engine().kb.services.find((s) => s.id === 'waf');
    const marked = waf?.topics.backup;
    expect(marked && 'notApplicable' in marked).toBe(true);
    const r = ask('who does backups for waf');
    expect(r.kind).toBe('fallback');
    if (r.kind !== 'fallback') return;
    expect(r.reason).toBe('not_applicable');
    expect(r.text).toMatch(/^Backup and restore is not a separate topic for AWS WAF\. /);
    expect(r.meta.owner).toBeNull();
  });
});
