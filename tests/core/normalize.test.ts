import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/core/match/normalize.js';

describe('normalize', () => {
  it('lower-cases and drops punctuation', () => {
    expect(normalize('Who PATCHES RDS???')).toBe('who patches rds');
  });
  it('removes Slack and Teams mentions', () => {
    expect(normalize('<@U024BE7LH> who patches rds')).toBe('who patches rds');
    expect(normalize('<@U024BE7LH|srm> hi')).toBe('hi');
    expect(normalize('<at>srm-bot</at> who encrypts s3')).toBe('who encrypts s3');
    expect(normalize('<!channel> <!here> hello')).toBe('hello');
  });
  it('keeps the label of a Slack link and drops bare URLs', () => {
    expect(normalize('see <https://aws.amazon.com|the docs> for s3')).toBe('see the docs for s3');
    expect(normalize('summarise https://github.com/acme/pull/42 please')).toBe('summarise please');
  });
  it('drops emoji, both unicode and Slack codes', () => {
    expect(normalize('who patches rds 🤔 :thinking_face:')).toBe('who patches rds');
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
