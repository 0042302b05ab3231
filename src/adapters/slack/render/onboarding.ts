import { ONBOARDING, OWNER_LABEL } from '../../../core/answer/messages.js';
import type {
  ProgressReply,
  QuizQuestionReply,
  QuizResultReply,
  Suggestion,
  TourReply,
} from '../../../core/reply.js';
import { ACTION } from '../actions.js';
import { type Block, type Button, context, header, section } from './blocks.js';
import { fitText, link } from './mrkdwn.js';
import { SLACK_TEXT } from './text.js';

/**
 * Follow-up buttons numbered from `from`: action ids must be unique within a view, and the App Home
 * holds the examples, the Start buttons and the progress's Continue button together.
 */
export function numberedFrom(list: Button[], from: number): Button[] {
  return list.map((b, i) => ({ ...b, action_id: `${ACTION.followUp}_${from + i}` }));
}

export type OnboardingReply = TourReply | QuizQuestionReply | QuizResultReply | ProgressReply;

/** The tour and the quiz as blocks; their buttons (Next / Back, AWS / You / Shared) are the suggestions. */
export function onboardingBody(reply: OnboardingReply): {
  body: Block[];
  suggestions: Suggestion[];
  text: string;
} {
  const score = (s: QuizQuestionReply['score']) => ONBOARDING.score(s.right, s.answered, s.streak);
  switch (reply.kind) {
    case 'tour': {
      const points = reply.points.map(
        (p) => `${p.owner ? `${SLACK_TEXT.ownerEmoji[p.owner]} ` : '• '}${fitText(p.text, 400)}`,
      );
      const body: Block[] = [
        header(reply.title),
        context([fitText(ONBOARDING.tour.step(reply.index, reply.total), 200)]),
        section(fitText(reply.text, 2900)),
      ];
      if (points.length) body.push(section(points.join('\n')));
      return { body, suggestions: reply.nav, text: `${reply.title}: ${reply.text}` };
    }
    case 'quiz_question': {
      const body: Block[] = [];
      if (reply.notice) body.push(context([fitText(reply.notice, 500)]));
      body.push(
        context([
          fitText(`Question ${reply.index} of ${reply.total} · ${reply.level}`, 300),
          ...(reply.review ? [`:repeat: ${fitText(ONBOARDING.review, 200)}`] : []),
        ]),
        section(`:question: *${fitText(reply.prompt, 2800)}*`),
        context([fitText(score(reply.score), 200)]),
      );
      return { body, suggestions: reply.choices, text: reply.prompt };
    }
    case 'quiz_result': {
      const mark = reply.correct ? ':white_check_mark:' : ':x:';
      const body: Block[] = [
        section(
          `${mark} *${fitText(reply.headline, 300)}*\n${SLACK_TEXT.ownerEmoji[reply.owner]} *${OWNER_LABEL[reply.owner]}*: ${fitText(reply.reason, 2400)}`,
        ),
      ];
      const lines = [
        ...(reply.control ? [`:clipboard: ${fitText(reply.control.name, 200)}`] : []),
        `:books: ${link(reply.source.url, reply.source.title)}`,
        fitText(score(reply.score), 200),
      ];
      body.push(context(lines));
      if (reply.summary) body.push(section(`:trophy: ${fitText(reply.summary, 1000)}`));
      return {
        body,
        suggestions: reply.next,
        text: `${reply.headline} ${OWNER_LABEL[reply.owner]}: ${reply.reason}`,
      };
    }
    case 'progress':
      return {
        body: [header(reply.title), section(reply.lines.map((l) => `• ${fitText(l, 400)}`).join('\n'))],
        suggestions: reply.followUps,
        text: `${reply.title}: ${reply.lines.join('; ')}`,
      };
  }
}
