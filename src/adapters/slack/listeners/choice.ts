import { recordIfUnanswered } from '../../../feedback.js';
import type { SlackDeps } from '../answer.js';
import { answerClick, type ButtonArgs, clicker } from '../click.js';

/** A "Did you mean …?" choice was clicked: answer it (replacing the question when it was ephemeral). */
export function choice(deps: SlackDeps) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const reply = await answerClick(deps, args, { replaceEphemeral: true });
    await recordIfUnanswered(deps, clicker(args), reply);
  };
}
