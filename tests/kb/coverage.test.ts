import { describe, expect, it } from 'vitest';
import { coverageReport } from '../../src/app/coverage.js';
import { loadKnowledgeBase } from '../../src/kb/load.js';
import { AWS_DOCS_URL, DATA_DIR, REQUIRED_TOPICS } from './helpers.js';

const kb = loadKnowledgeBase(DATA_DIR);
const services = kb.services.map((s) => [s.id, s] as const);

describe('topic coverage', () => {
  it.each(services)('%s covers every topic of the issue, as an entry or as not applicable', (_id, s) => {
    const missing = REQUIRED_TOPICS.filter((t) => s.topics[t] === undefined);
    expect(missing).toEqual([]);
  });

  it('the coverage report has no gaps', () => {
    const report = coverageReport(kb);
    expect(report.gaps).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('every not-applicable topic gives a reason that is a sentence', () => {
    const short = services.flatMap(([id, s]) =>
      Object.entries(s.topics).flatMap(([t, e]) =>
        e && 'notApplicable' in e && e.notApplicable.trim().split(/\s+/).length < 6 ? [`${id}/${t}`] : [],
      ),
    );
    expect(short).toEqual([]);
  });
});

describe('sources and documentation links', () => {
  it.each(services)('%s: every entry cites at least one https page on AWS documentation', (_id, s) => {
    const unsourced = Object.entries(s.topics).flatMap(([t, e]) =>
      e && !('notApplicable' in e) && !e.sources.some((u) => AWS_DOCS_URL.test(u)) ? [t] : [],
    );
    expect(unsourced).toEqual([]);
  });

  it.each(services)('%s: every service note cites at least one https page on AWS documentation', (_id, s) => {
    const unsourced = s.notes.filter((n) => !n.sources.some((u) => AWS_DOCS_URL.test(u)));
    expect(unsourced).toEqual([]);
  });

  it.each(services)('%s: every documentation link is https on AWS documentation', (_id, s) => {
    expect(s.docs.length).toBeGreaterThan(0);
    const offsite = s.docs.filter((d) => !AWS_DOCS_URL.test(d.url)).map((d) => d.url);
    expect(offsite).toEqual([]);
  });

  it.each(services)('%s: every Security Hub control links to the Security Hub guide', (_id, s) => {
    const offsite = s.securityHub.filter(
      (c) => !c.url.startsWith('https://docs.aws.amazon.com/securityhub/latest/userguide/'),
    );
    expect(offsite.map((c) => c.id)).toEqual([]);
  });
});
