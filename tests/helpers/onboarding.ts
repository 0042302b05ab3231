import {
  buildQuizBank,
  createOnboarding,
  memoryProgress,
  type Onboarding,
  type ProgressDocs,
  type QuizBank,
} from '../../src/core/onboarding/index.js';
import type { Owner } from '../../src/kb/ids.js';
import { engine } from './engine.js';

let bank: QuizBank | undefined;
/** The quiz bank over the bundled knowledge base, built once per worker. */
export function quizBank(): QuizBank {
  bank ??= buildQuizBank(engine().kb);
  return bank;
}

/** A fresh onboarding service with its own in-memory progress, seeded for repeatable rounds. */
export function testOnboarding(seed = 'e2e'): { onboarding: Onboarding; progress: ProgressDocs } {
  const progress = memoryProgress();
  return { onboarding: createOnboarding({ bank: quizBank(), progress, seed }), progress };
}

/** The owner of the question a prompt shows (prompts with one text never disagree on the owner). */
export function ownerOfPrompt(prompt: string): Owner {
  const q = quizBank().all.find((x) => x.prompt === prompt);
  if (!q) throw new Error(`no quiz question reads ${prompt}`);
  return q.owner;
}

/** The button word for an owner, as the quiz's answer payloads write it. */
export const OWNER_WORD: Record<Owner, string> = { aws: 'aws', customer: 'you', shared: 'shared' };
