import { terminalConversation } from '../../src/adapters/terminal/chat.js';
import { memoryLogger } from '../helpers/log.js';
import { memoryState } from '../helpers/state.js';
import { chatContract } from './contract.js';

/** The terminal: plain text in and out, no mentions, no other bots, no markup to escape. */
chatContract({
  name: 'terminal',
  async start() {
    const { state, store } = await memoryState();
    const deps = { ...state, logger: memoryLogger().logger };
    const conversations = new Map<string, (line: string) => Promise<string>>();
    return {
      async send(text, conversation) {
        let answer = conversations.get(conversation);
        if (!answer) {
          answer = terminalConversation(deps, `contract:${conversation}`);
          conversations.set(conversation, answer);
        }
        const shown = await answer(text);
        return { summary: shown, raw: shown, understood: null };
      },
      mention: null,
      fromBot: null,
      hostile: null,
      async close() {
        await store.close();
      },
    };
  },
});
