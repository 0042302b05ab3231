import type { CloudAdapter, TurnContext } from 'botbuilder';
import { correlationId, type Logger } from '../../log.js';
import { cardMessage } from './answer.js';
import { describeTurn } from './conversation.js';
import { errorResponse } from './handlers/adaptive-card-action.js';
import { renderError } from './render/cards.js';
import { TEAMS_REPLIES } from './text.js';

/**
 * The adapter's one error boundary (botbuilder's `onTurnError`). It logs the error's code, the platform
 * and the conversation with a correlation id, and posts the fixed apology card carrying that id in the
 * conversation where the user asked. An invoke also gets an error response, so the client stops waiting.
 * Users never see error text; handlers do not catch errors themselves.
 */
export function registerErrorBoundary(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const id = correlationId();
    const turn = describeTurn(context.activity);
    logger.error(
      {
        err: error,
        code: (error as { code?: unknown }).code,
        platform: 'teams',
        conversation: turn.conversation,
        kind: turn.kind,
        correlationId: id,
      },
      'teams: turn failed',
    );
    try {
      if (context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: { status: 200, body: errorResponse(500, 'InternalServerError', TEAMS_REPLIES.failed(id)) },
        });
      }
      await context.sendActivity(cardMessage(renderError(id)));
    } catch (err) {
      logger.warn({ err, platform: 'teams', correlationId: id }, 'teams: could not post the apology');
    }
  };
}
