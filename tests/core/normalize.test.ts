import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/match/normalize.js';

describe('normalize', () => {
  it('lower-cases and drops punctuation', () => {
    expect(normalize('Who PATCHES RDS???')).toBe('who patches rds');
  });
  it('drops bare URLs and HTML markup', () => {
    expect(normalize('summarise https://github.com/acme/pull/42 please')).toBe('summarise please');
    expect(normalize('<p>who patches rds</p><br>')).toBe('who patches rds');
  });
  it('drops unicode emoji', () => {
    expect(normalize('who patches rds 🤔')).toBe('who patches rds');
    expect(normalize('👍🏽')).toBe('');
  });
  it('straightens curly quotes and joins contractions', () => {
    expect(normalize('AWS doesn’t patch “lambda”, right?')).toBe('aws doesnt patch lambda right');
    expect(normalize("what's the split")).toBe('whats the split');
  });
  it('decodes HTML entities that Teams and Slack send', () => {
    expect(normalize('ec2 &amp; rds &lt;patching&gt;')).toBe('ec2 rds patching');
  });
  it('turns an empty or whitespace message into the empty string', () => {
    expect(normalize('   \n\t ')).toBe('');
  });
});

describe('the provider in the possessive', () => {
  it("reads AWS's and customers' as the words they stand for", () => {
    expect(normalize("who configures AWS's network devices?")).toBe('who configures aws network devices');
    expect(normalize("other customers' VPCs")).toBe('other customers vpcs');
    expect(normalize("what's it")).toBe('whats it');
  });
});
