import { ONBOARDING, OWNER_LABEL } from '../../../core/answer/messages.js';
import type { ProgressReply, QuizQuestionReply, QuizResultReply, TourReply } from '../../../core/reply.js';
import { type CardElement, heading, ownerText, suggestionSet, text, title } from './elements.js';
import { escapeMarkdown, md, mdLine, safeUrl } from './markdown.js';
import { TEAMS_TEXT } from './text.js';

type OnboardingReply = TourReply | QuizQuestionReply | QuizResultReply | ProgressReply;

/** The tour and the quiz as Adaptive Card elements; their buttons are `ask` actions like follow-ups. */
export function onboardingCard(reply: OnboardingReply): {
  body: CardElement[];
  suggestions: CardElement[];
  summary: string;
} {
  const score = (s: QuizQuestionReply['score']) => ONBOARDING.score(s.right, s.answered, s.streak);
  switch (reply.kind) {
    case 'tour':
      return {
        body: [
          text(escapeMarkdown(ONBOARDING.tour.step(reply.index, reply.total)), {
            isSubtle: true,
            size: 'small',
          }),
          title(reply.title),
          text(md(reply.text, 1500)),
          ...reply.points.map((p, i) =>
            text(`${p.owner ? `${TEAMS_TEXT.ownerEmoji[p.owner]} ` : '• '}${mdLine(p.text, 400)}`, {
              spacing: i === 0 ? 'medium' : 'none',
            }),
          ),
        ],
        suggestions: suggestionSet(reply.nav),
        summary: `${reply.title}: ${reply.text}`,
      };
    case 'quiz_question':
      return {
        body: [
          ...(reply.notice ? [text(md(reply.notice, 500), { isSubtle: true })] : []),
          text(escapeMarkdown(`Question ${reply.index} of ${reply.total} · ${reply.level}`), {
            isSubtle: true,
            size: 'small',
          }),
          ...(reply.review ? [text(`🔁 ${escapeMarkdown(ONBOARDING.review)}`, { size: 'small' })] : []),
          title(reply.prompt),
          text(escapeMarkdown(score(reply.score)), { isSubtle: true, size: 'small' }),
        ],
        suggestions: suggestionSet(reply.choices),
        summary: reply.prompt,
      };
    case 'quiz_result': {
      const url = safeUrl(reply.source.url);
      const body: CardElement[] = [
        text(`${reply.correct ? '✅' : '❌'} **${mdLine(reply.headline, 200)}**`, { size: 'medium' }),
        ownerText(reply.owner),
        text(md(reply.reason, 1500), { spacing: 'none' }),
      ];
      if (reply.control) body.push(text(`📋 ${mdLine(reply.control.name, 200)}`, { spacing: 'small' }));
      if (url) body.push(text(`📚 [${mdLine(reply.source.title, 200)}](${url})`, { spacing: 'none' }));
      body.push(text(escapeMarkdown(score(reply.score)), { isSubtle: true, size: 'small' }));
      if (reply.summary) body.push(heading(reply.summary, '🏆'));
      return {
        body,
        suggestions: suggestionSet(reply.next),
        summary: `${reply.headline} ${OWNER_LABEL[reply.owner]}: ${reply.reason}`,
      };
    }
    case 'progress':
      return {
        body: [
          title(reply.title),
          ...reply.lines.map((l, i) => text(`• ${mdLine(l, 400)}`, { spacing: i ? 'none' : 'small' })),
        ],
        suggestions: suggestionSet(reply.followUps),
        summary: `${reply.title}: ${reply.lines.join('; ')}`,
      };
  }
}
