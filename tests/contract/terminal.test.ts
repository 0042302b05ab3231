import { terminalConversation } from '../../src/adapters/terminal/chat.js';
import { engine } from '../helpers/engine.js';
import { chatContract } from './contract.js';

/** The terminal: plain text in and out, no mentions, no other bots, no markup to escape. */
chatContract({
  name: 'terminal',
  async start() {
    const conversations = new Map<string, (line: string) => string>();
    return {
      async send(text, conversation) {
        let answer = conversations.get(conversation);
        if (!answer) {
          answer = terminalConversation(engine(), `contract:${conversation}`);
          conversations.set(conversation, answer);
        }
        const shown = answer(text);
        return { summary: shown, raw: shown, understood: null };
      },
      mention: null,
      fromBot: null,
      hostile: null,
      async close() {},
    };
  },
});
