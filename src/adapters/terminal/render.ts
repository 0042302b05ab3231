import { type EmojiToken, ORG, OWNER_LABEL, REPLY_LABELS, withEmoji } from '../../core/answer/messages.js';

import type { Link, Reply, Suggestion } from '../../core/reply.js';
import { renderOnboardingText } from './render-onboarding.js';

/** The core's emoji tokens as the terminal shows them. */
const EMOJI: Record<EmojiToken, string> = { thumbs_up: '👍' };

/** Plain text for the terminal (and any platform without rich messages). Pure. */
export function renderText(reply: Reply): string {
  const out: string[] = [];
  const links = (docs: Link[]) => {
    if (docs.length) out.push('', 'Docs:', ...docs.map((d) => `  - ${d.title}: ${d.url}`));
  };
  const suggest = (s: Suggestion[], heading = 'You could also ask:') => {
    if (s.length) out.push('', heading, ...s.map((x) => `  - ${x.text}`));
  };
  switch (reply.kind) {
    case 'answer':
      out.push(`[${OWNER_LABEL[reply.owner]}] ${reply.headline}`, '');
      out.push(`AWS: ${reply.aws}`, `You: ${reply.customer}`);
      if (reply.ours) {
        const o = reply.ours;
        const where = [o.slackChannel, o.contact].filter(Boolean).join(', ');
        out.push(
          `${ORG.onOurSide}: ${o.name}${where ? ` (${where})` : ''}${o.isDefault ? ` (${ORG.defaultNote})` : ''}` +
            `${o.runbook ? `, ${ORG.runbook}: ${o.runbook.url}` : ''}`,
        );
      }
      for (const n of reply.notes) out.push(`Note: ${n}`);
      if (reply.area) {
        out.push('', `${REPLY_LABELS.area(reply.area.name, reply.area.owner)}`);
        out.push(`  AWS: ${reply.area.aws}`, `  You: ${reply.area.customer}`);
      }
      if (reply.controls.length) {
        out.push('', `Control: ${reply.controls.map((c) => `${c.name} (${c.kind} control)`).join('; ')}`);
      }
      if (reply.securityHub.length) {
        out.push('Security Hub:', ...reply.securityHub.map((c) => `  - ${c.id} ${c.title}: ${c.url}`));
      }
      links(reply.docs);
      suggest(reply.followUps);
      break;
    case 'overview': {
      out.push(reply.title, '', reply.summary, '');
      const width = Math.max(...reply.rows.map((x) => x.topicName.length));
      for (const r of reply.rows) {
        out.push(
          `  ${r.topicName.padEnd(width)}  ${(r.owner ? OWNER_LABEL[r.owner] : 'n/a').padEnd(19)} ${r.text}`,
        );
      }
      if (reply.securityHub.length)
        out.push('', `Security Hub: ${reply.securityHub.map((c) => c.id).join(', ')}`);
      links(reply.docs);
      suggest(reply.followUps);
      break;
    }
    case 'compare':
      out.push(reply.title, '');
      for (const c of reply.columns) {
        out.push(
          `${c.name}: ${c.owner ? OWNER_LABEL[c.owner] : 'n/a'}`,
          `  AWS: ${c.aws}`,
          `  You: ${c.customer}`,
          '',
        );
      }
      links(reply.docs);
      suggest(reply.followUps);
      break;
    case 'explain':
      out.push(reply.title, '', reply.summary);
      for (const s of reply.sections) out.push('', `${s.heading}:`, s.text);
      links(reply.docs);
      suggest(reply.followUps);
      break;
    case 'clarify':
      out.push(reply.text);
      if (reply.choices.length)
        out.push('', 'Reply with one of:', ...reply.choices.map((c) => `  - ${c.text}   (${c.label})`));
      break;
    case 'fallback':
      out.push(reply.text);
      suggest(reply.examples, 'For example:');
      break;
    case 'welcome':
      out.push(reply.title, '', reply.intro, '', reply.services, '', 'Commands:');
      out.push(...reply.commands.map((c) => `  ${c.usage}: ${c.what}`));
      suggest(reply.start, 'New here? Type:');
      suggest(reply.examples, 'For example:');
      break;
    case 'message':
      out.push(withEmoji(reply.text, EMOJI));
      suggest(reply.followUps, 'For example:');
      break;
    case 'tour':
    case 'quiz_question':
    case 'quiz_result':
    case 'progress':
      out.push(...renderOnboardingText(reply));
      break;
  }
  return out.join('\n').trim();
}
