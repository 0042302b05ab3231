import { OWNER_LABEL } from '../../../core/answer/messages.js';
import type { AnswerReply } from '../../../core/reply.js';
import { type Block, context, docsBlock, header, section } from './blocks.js';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { fitText } from './mrkdwn.js';
import { oursBlock } from './ours.js';
import { SLACK_TEXT } from './text.js';

/**
 * The short form of an answer, the first thing a person sees: the headline (the duty and its owner),
 * one line for each side, the owning team of the company's ownership file (when it names one), the
 * control, what can change the owner, and at most two documentation links.
 * The full answer is one Details click away (render/reply.ts).
 */
export function shortAnswerBlocks(reply: AnswerReply): Block[] {
  const body: Block[] = [
    header(`${SLACK_TEXT.ownerEmoji[reply.owner]} ${OWNER_LABEL[reply.owner]} · ${reply.title}`),
    section(`*${fitText(reply.headline, 1000)}*`),
    section(
      `:cloud: *${SLACK_TEXT.awsShort}:* ${fitText(firstSentence(reply.aws), BLOCK_KIT_LIMITS.shortLine)}\n` +
        `:bust_in_silhouette: *${SLACK_TEXT.yourShort}:* ${fitText(firstSentence(reply.customer), BLOCK_KIT_LIMITS.shortLine)}`,
    ),
  ];
  // The company's own owner, when its ownership file names one ("On our side: Database Platform").
  if (reply.ours) body.push(oursBlock(reply.ours));
  const facts: string[] = [];
  const control = reply.controls[0];
  if (control) {
    facts.push(
      `:clipboard: *${SLACK_TEXT.control}:* ${fitText(control.name, 200)} (${SLACK_TEXT.controlKind(control.kind)})`,
    );
  }
  const exceptions = reply.duty?.exceptions ?? [];
  if (exceptions.length) {
    facts.push(`:warning: ${fitText(SLACK_TEXT.dependsOn(exceptions.map((e) => e.when).join(', ')), 600)}`);
  }
  if (facts.length) body.push(context(facts));
  body.push(...docsBlock(reply.docs.slice(0, BLOCK_KIT_LIMITS.shortDocs)));
  return body;
}

/** The first sentence of a paragraph (the whole paragraph when it has one sentence). */
export function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s+[A-Z(]|$)/s.exec(text.trim());
  return (m ? m[0] : text).trim();
}
