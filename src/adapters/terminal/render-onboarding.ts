import { ONBOARDING, OWNER_LABEL } from '../../core/answer/messages.js';
import type { ProgressReply, QuizQuestionReply, QuizResultReply, TourReply } from '../../core/reply.js';

/** The tour and the quiz as plain text; buttons become what to type. Pure. */
export function renderOnboardingText(
  reply: TourReply | QuizQuestionReply | QuizResultReply | ProgressReply,
): string[] {
  const out: string[] = [];
  switch (reply.kind) {
    case 'tour':
      out.push(`${ONBOARDING.tour.step(reply.index, reply.total)}: ${reply.title}`, '', reply.text);
      if (reply.points.length) out.push('', ...reply.points.map((p) => `  - ${p.text}`));
      out.push('', ...reply.nav.map((n) => `[${n.label}] type: ${n.text}`));
      break;
    case 'quiz_question':
      if (reply.notice) out.push(reply.notice, '');
      out.push(`Question ${reply.index} of ${reply.total} · ${reply.level}`);
      if (reply.review) out.push(ONBOARDING.review);
      out.push('', reply.prompt, '', 'Answer: aws, you or shared');
      out.push(ONBOARDING.score(reply.score.right, reply.score.answered, reply.score.streak));
      break;
    case 'quiz_result':
      out.push(`${reply.headline} ${OWNER_LABEL[reply.owner]}: ${reply.reason}`);
      if (reply.control) out.push(`Control: ${reply.control.name} (${reply.control.kind} control)`);
      out.push(`Source: ${reply.source.title}: ${reply.source.url}`);
      out.push(ONBOARDING.score(reply.score.right, reply.score.answered, reply.score.streak));
      if (reply.summary) out.push('', reply.summary);
      out.push('', ...reply.next.map((n) => `[${n.label}] type: ${n.text}`));
      break;
    case 'progress':
      out.push(reply.title, '', ...reply.lines.map((l) => `  ${l}`));
      out.push('', ...reply.followUps.map((n) => `[${n.label}] type: ${n.text}`));
      break;
  }
  return out;
}
