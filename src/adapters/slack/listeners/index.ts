import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import { ACTION } from '../actions.js';
import type { SlackDeps } from '../answer.js';
import { srmAssistant } from '../assistant.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { askTeam } from './ask-team.js';
import { choice } from './choice.js';
import { directMessage } from './direct-message.js';
import { feedback } from './feedback.js';
import { followUp } from './follow-up.js';
import { share } from './share.js';
import { srmCommand } from './srm-command.js';
import { toggle } from './toggle.js';
import { uninstall } from './uninstall.js';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs;
type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;
type Handler<A> = (args: A) => Promise<void>;

const numbered = (prefix: string) => new RegExp(`^${prefix}_\\d+$`);
const exactly = (...ids: string[]) => new RegExp(`^(?:${ids.join('|')})$`);

/**
 * Every Slack listener, one module each, reached through one router: the end of the adapter's one
 * middleware layer (installGuards) picks the handler by command name, action id or event type, then lets Bolt's own listeners run (any
 * registered elsewhere with `app.event` and the like still get every request). Bolt runs every
 * registered listener's matching chain on every request, copying the request's arguments for each one:
 * the ten listeners this app had cost about 80 µs of a slash command's 230 µs of CPU (bench section 5).
 * Each command, action id and event type has exactly one handler, as before.
 */
export function slackRouter(deps: SlackDeps): (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void> {
  // First: the assistant panel's events and messages stop there; everything else goes on to the router.
  // Bolt's Assistant takes only events (its payload types are event types), so commands, actions and the
  // like skip it here instead of paying for a middleware layer of their own (`app.assistant` would add
  // one: Bolt copies the request's arguments for every layer).
  const assistant = srmAssistant(deps).getMiddleware();

  const commands: Record<string, Handler<CommandArgs>> = { '/srm': srmCommand(deps) };
  const events: Record<string, Handler<EventArgs>> = {
    app_mention: appMention(deps) as Handler<EventArgs>,
    message: directMessage(deps) as Handler<EventArgs>,
    app_home_opened: appHomeOpened(deps) as Handler<EventArgs>,
  };
  // Many workspaces (OAuth) only: an uninstall deletes the workspace's installation.
  if (deps.installations) {
    const onUninstall = uninstall({ installations: deps.installations, logger: deps.logger });
    events.app_uninstalled = onUninstall as Handler<EventArgs>;
    events.tokens_revoked = onUninstall as Handler<EventArgs>;
  }
  const actions: Array<[RegExp, Handler<ActionArgs>]> = [
    [numbered(ACTION.followUp), followUp(deps) as Handler<ActionArgs>],
    [numbered(ACTION.choice), choice(deps) as Handler<ActionArgs>],
    [exactly(ACTION.helpful, ACTION.notQuite, ACTION.nativeFeedback), feedback(deps)],
    [exactly(ACTION.share), share(deps) as Handler<ActionArgs>],
    [exactly(ACTION.details, ACTION.less), toggle(deps) as Handler<ActionArgs>],
    [exactly(ACTION.askTeam), askTeam(deps) as Handler<ActionArgs>],
  ];

  return (args) => {
    const rest = async () => {
      await route(args);
      await args.next();
    };
    if ('event' in args && args.event) return assistant({ ...args, next: rest });
    return rest();
  };

  /** The request's handler run, if it has one. Bolt sets `command`, `action` or `event` by its kind. */
  async function route(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    if ('command' in args && args.command) {
      return commands[args.command.command]?.(args as CommandArgs);
    }
    if ('action' in args && args.action) {
      const id = (args.action as { action_id?: unknown }).action_id;
      if (typeof id !== 'string') return;
      return actions.find(([re]) => re.test(id))?.[1](args as ActionArgs);
    }
    if ('event' in args && args.event) {
      return events[args.event.type]?.(args as EventArgs);
    }
  }
}
