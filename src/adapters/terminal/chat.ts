import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import { renderText } from './render.js';

/** One conversation in the terminal: each line asked in it, answered as plain text. */
export function terminalConversation(engine: Engine, conversationKey: string): (line: string) => string {
  return (line) => renderText(engine.respond({ text: line, conversationKey }));
}

/** The terminal chat: one conversation with follow-ups; reads piped stdin line by line too. */
export async function chat(engine: Engine): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
  });
  const answer = terminalConversation(engine, `cli:${process.pid}`);
  if (interactive) {
    process.stdout.write(
      'srm-bot: ask me who is responsible for what on AWS. "help" for ideas, "exit" to leave.\n',
    );
    rl.setPrompt('you> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (/^(exit|quit|:q)$/i.test(text)) break;
    if (text !== '') {
      process.stdout.write(`${interactive ? '\n' : ''}${answer(text)}\n\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
