import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import { renderText } from './render.js';

/** The terminal chat: one conversation with follow-ups; reads piped stdin line by line too. */
export async function chat(engine: Engine): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
  });
  const conversationKey = `cli:${process.pid}`;
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
      const reply = engine.respond({ text, conversationKey });
      process.stdout.write(`${interactive ? '\n' : ''}${renderText(reply)}\n\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
