import { createInterface } from 'node:readline';
import type { Engine } from '../../core/engine.js';
import type { Onboarding } from '../../core/onboarding/index.js';
import { renderText } from './render.js';

/** One conversation in the terminal: each line asked in it, answered as plain text. */
export function terminalConversation(engine: Engine, conversationKey: string): (line: string) => string {
  return (line) => renderText(engine.respond({ text: line, conversationKey }));
}

/** The same, with the quiz: quiz and progress lines go to `onboarding` first (kept per `userKey`). */
export function terminalSession(
  engine: Engine,
  onboarding: Onboarding | undefined,
  conversationKey: string,
  userKey: string,
): (line: string) => Promise<string> {
  return async (line) => {
    const quiz = await onboarding?.handle({ text: line, userKey });
    return renderText(quiz ?? engine.respond({ text: line, conversationKey }));
  };
}

export interface ChatOptions {
  onboarding?: Onboarding;
  /** Whose quiz progress the terminal plays. */
  userKey?: string;
  /** Lines answered before reading any input (`srm quiz` starts with "quiz"). */
  first?: string[];
}

/** The terminal chat: one conversation with follow-ups; reads piped stdin line by line too. */
export async function chat(engine: Engine, opts: ChatOptions = {}): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
  });
  const answer = terminalSession(engine, opts.onboarding, `cli:${process.pid}`, opts.userKey ?? 'cli:local');
  if (interactive) {
    process.stdout.write(
      'srm-bot: ask me who is responsible for what on AWS. "help" for ideas, "tour" for a tour, "exit" to leave.\n',
    );
  }
  for (const line of opts.first ?? []) process.stdout.write(`${await answer(line)}\n\n`);
  if (interactive) {
    rl.setPrompt('you> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (/^(exit|quit|:q)$/i.test(text)) break;
    if (text !== '') {
      process.stdout.write(`${interactive ? '\n' : ''}${await answer(text)}\n\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
