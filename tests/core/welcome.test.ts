import { describe, expect, it } from 'vitest';
import { COMMANDS, HELP_TEXT, INTRO } from '../../src/core/answer/messages.js';
import { engine } from '../helpers/engine.js';

describe('the welcome reply and the one command list', () => {
  it('builds the welcome from the data: intro, the model and its two layers, examples, commands', () => {
    const w = engine().welcome();
    expect(w.kind).toBe('welcome');
    expect(w.intro).toBe(INTRO);
    expect(w.model.layers.map((l) => l.owner)).toEqual(['aws', 'customer']);
    expect(w.model.summary).toBe(engine().kb.model.summary);
    expect(w.services).toContain(`${engine().kb.services.length} AWS services`);
    expect(w.commands.map((c) => c.usage)).toEqual(COMMANDS.map((c) => c.usage));
  });

  it('answers every command it lists, as a command (not as a question)', () => {
    const asked = COMMANDS.map((c) => (c.arg ? `${c.name} rds` : c.name));
    const intents = asked.map((text) => engine().respond({ text, conversationKey: 'welcome' }).meta);
    expect(intents.map((m) => m.intent)).toEqual([
      'help',
      'service_overview',
      'explain_model',
      'explain_control',
      // tour, quiz, progress: onboarding replies carry the help intent.
      'help',
      'help',
      'help',
    ]);
    expect(intents.every((m) => m.confidence === 1)).toBe(true);
  });

  it('help says the intro and every command once', () => {
    expect(HELP_TEXT.startsWith(INTRO)).toBe(true);
    for (const c of COMMANDS) expect(HELP_TEXT.split(`\`${c.usage}\``)).toHaveLength(2);
  });
});
