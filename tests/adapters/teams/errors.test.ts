import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderError } from '../../../src/adapters/teams/render/cards.js';
import type { ContextualEngine } from '../../../src/core/engine.js';
import { engine } from '../../helpers/engine.js';
import { channelThread, execute, message } from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import { onlyCard } from '../../helpers/teams/cards.js';
import type { ConnectorCall } from '../../helpers/teams/fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

/** An engine that fails on one question, to reach the error boundary through a real turn. */
function failingOn(question: string): ContextualEngine {
  const real = engine();
  const fail = (text: string) => {
    if (text.includes(question)) throw Object.assign(new Error('boom: secret detail'), { code: 'TEST_BOOM' });
  };
  return {
    welcome: () => real.welcome(),
    respond(input) {
      fail(input.text);
      return real.respond(input);
    },
    respondWith(input, context) {
      fail(input.text);
      return real.respondWith(input, context);
    },
  };
}

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ engine: failingOn('explode') });
});
afterAll(async () => {
  await h.close();
});

describe('the Teams error boundary', () => {
  it('apologizes in the conversation with a correlation id card, and logs code, platform and conversation', async () => {
    const where = channelThread();
    const { result, sent } = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where, text: 'explode please' }),
    );
    expect(result.status).toBe(200);
    const line = h.logs.find((l) => l.msg === 'teams: turn failed');
    expect(line).toMatchObject({
      level: 50,
      platform: 'teams',
      code: 'TEST_BOOM',
      conversation: `teams:${where.id}`,
    });
    const id = String(line?.correlationId);
    expect(id).toMatch(/^[a-z0-9]{4,}$/);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.conversationId).toBe(where.id);
    const card = onlyCard(sent[0] as ConnectorCall);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(card).toEqual(renderError(id).content);
    expect(JSON.stringify(sent)).not.toContain('secret detail');
  });

  it('answers a failed Universal Action with an error invoke response and the apology card', async () => {
    const { result, sent } = await h.turn(
      execute({
        serviceUrl: h.connector.serviceUrl,
        where: channelThread(),
        data: { srm: 'ask', text: 'explode' },
      }),
    );
    expect(result.status).toBe(200);
    expect(result.json()).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error' });
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(result.json())).not.toContain('secret detail');
  });

  it('keeps answering after an error', async () => {
    const { sent } = await h.turn(
      message({ serviceUrl: h.connector.serviceUrl, where: channelThread(), text: 'who patches RDS?' }),
    );
    expect(sent).toHaveLength(1);
    expect(validateAdaptiveCard(onlyCard(sent[0] as ConnectorCall))).toEqual([]);
  });
});
