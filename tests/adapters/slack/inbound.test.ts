import { describe, expect, it } from 'vitest';
import { fromSlack } from '../../../src/adapters/slack/inbound.js';
import { normalize } from '../../../src/core/match/normalize.js';

/** Slack's syntax is the Slack adapter's to remove; what reaches the core is plain text. */
const read = (text: string) => normalize(fromSlack(text));

describe('Slack inbound translation', () => {
  it('removes user, channel and special mentions', () => {
    expect(read('<@U024BE7LH> who patches rds')).toBe('who patches rds');
    expect(read('<@U024BE7LH|srm> hi')).toBe('hi');
    expect(read('<!channel> <!here> hello <#C123|general>')).toBe('hello');
  });
  it('keeps the label of a link, and a bare link is dropped by the core', () => {
    expect(read('see <https://aws.amazon.com|the docs> for s3')).toBe('see the docs for s3');
    expect(read('see <https://aws.amazon.com> for s3')).toBe('see for s3');
  });
  it('turns emoji codes into emoji, which the core drops', () => {
    expect(fromSlack(':+1:')).toBe('👍');
    expect(fromSlack(':sweat_smile:')).toMatch(/\p{Extended_Pictographic}/u);
    expect(read('who patches rds 🤔 :thinking_face:')).toBe('who patches rds');
  });
  it('leaves Slack’s escapes for the core to decode', () => {
    expect(read('ec2 &amp; rds &lt;patching&gt;')).toBe('ec2 rds patching');
  });
  it('cuts hostile text before any pattern and returns on long adversarial input', () => {
    const mb = 2_000_000;
    for (const unit of ['<@', '<#', '<!', '<https://', '<https://x|', '<mailto:', ':a', '<@U1|']) {
      const out = fromSlack(unit.repeat(Math.ceil(mb / unit.length)));
      expect(out.length, unit).toBeLessThanOrEqual(8_000);
    }
    expect(fromSlack(`${'<@U1> '.repeat(10)}who patches rds`)).toBe('who patches rds');
  });
});
