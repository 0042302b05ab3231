import { recordIfUnanswered } from '../../../feedback.js';
import type { SlackDeps } from '../answer.js';
import { answerClick, type ButtonArgs, clicker } from '../click.js';

/** A follow-up suggestion (or an example in App Home) was clicked: ask its question. */
export function followUp(deps: SlackDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const reply = await answerClick(deps, args, { replaceEphemeral: false });
    await recordIfUnanswered(deps, clicker(args), reply);
  };
}
