import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Onboarding } from '../../core/onboarding/index.js';
import { recordIfUnanswered } from '../../feedback.js';
import type { Logger } from '../../log.js';
import type { AdapterState } from '../state.js';
import { renderText } from './render.js';

export type TerminalDeps = Pick<AdapterState, 'conversations' | 'feedback'> & { logger: Logger };

/**
 * One conversation in the terminal: each line asked in it with the context kept in the store, answered
 * as plain text; a fallback or a "did you mean" is recorded like on the other platforms.
 */
export function terminalConversation(
  deps: TerminalDeps,
  conversationKey: string,
  onboarding?: Onboarding,
  userKey = conversationKey,
): (line: string) => Promise<string> {
  return async (line) => {
    // Quiz and progress lines go to the person's quiz first (kept per `userKey`).
    const quiz = await onboarding?.handle({ text: line, userKey });
    if (quiz) return renderText(quiz);
    const reply = await deps.conversations.ask(line, conversationKey);
    await recordIfUnanswered(deps, { platform: 'cli', team: null, userId: conversationKey }, reply);
    return renderText(reply);
  };
}

/**
 * The conversation key of the person at the terminal: the same on every run, so a follow-up keeps its
 * topic across a restart (the context lives in the store).
 */
export function terminalKey(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:local'; // no user name (a container without an /etc/passwd entry)
  }
}

export interface ChatOptions {
  onboarding?: Onboarding;
  /** Whose quiz progress the terminal plays. */
  userKey?: string;
  /** Lines answered before reading any input (`srm quiz` starts with "quiz"). */
  first?: string[];
}

/** The terminal chat: one conversation with follow-ups; reads piped stdin line by line too. */
export async function chat(
  deps: TerminalDeps,
  opts: ChatOptions = {},
  conversationKey = terminalKey(),
): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
  });
  const answer = terminalConversation(
    deps,
    conversationKey,
    opts.onboarding,
    opts.userKey ?? conversationKey,
  );
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
