import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../../src/adapters/teams/handlers/search.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_LIMITS } from '../../../src/adapters/teams/render/limits.js';
import { THUMBNAIL_CARD_CONTENT_TYPE } from '../../../src/adapters/teams/render/search.js';
import { TEAMS_TEXT } from '../../../src/adapters/teams/render/text.js';
import { PACKAGE_ROOT } from '../../../src/app/boot.js';
import { EXAMPLES, OWNER_LABEL } from '../../../src/core/answer/messages.js';
import { channelThread, composeQuery, type personalChat } from '../../helpers/teams/activities.js';
import { validateAdaptiveCard } from '../../helpers/teams/adaptive-card-validate.js';
import {
  askButtons,
  cardButtons,
  cardTexts,
  click,
  feedbackData,
  onlyCard,
} from '../../helpers/teams/cards.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

/**
 * The compose-box search (a message extension `composeExtension/query` invoke), through real botbuilder
 * on the real HTTP server: the invoke's HTTP response is what Teams lists.
 */

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h.close();
});

interface Listed {
  contentType: string;
  content: Record<string, unknown>;
  preview: { contentType: string; content: { title: string; subtitle: string; text: string } };
}
interface SearchBody {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: Listed[]; text?: string };
}

async function search(
  text: string,
  o: { initialRun?: boolean; where?: ReturnType<typeof personalChat> } = {},
) {
  const t0 = performance.now();
  const before = h.connector.calls.length;
  const result = await h.post(
    composeQuery({ serviceUrl: h.connector.serviceUrl, where: o.where ?? channelThread(), text, ...o }),
  );
  const ms = performance.now() - t0;
  return {
    status: result.status,
    body: result.json() as SearchBody,
    ms,
    posted: h.connector.calls.length - before,
  };
}

describe('compose-box search (message extension)', () => {
  it('lists matching duties with title, owner and one line, within Teams’ 5 seconds, posting nothing', async () => {
    const r = await search('rds patch');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(5_000);
    expect(r.posted).toBe(0);
    const ce = r.body.composeExtension;
    expect(ce.type).toBe('result');
    expect(ce.attachmentLayout).toBe('list');
    const items = ce.attachments ?? [];
    expect(items.length).toBeGreaterThan(1);
    const patching = items.find(
      (i) => i.preview.content.title === 'Amazon RDS: Applying database engine and OS patches',
    );
    expect(patching?.preview.contentType).toBe(THUMBNAIL_CARD_CONTENT_TYPE);
    expect(patching?.preview.content.subtitle).toBe(`${TEAMS_TEXT.ownerEmoji.aws} ${OWNER_LABEL.aws}`);
    expect(patching?.preview.content.text.length).toBeGreaterThan(10);
    for (const i of items) expect(i.preview.content.title.startsWith('Amazon RDS:')).toBe(true);
  });

  it('inserts the compact answer card of the chosen duty: valid, under 28 KB, with Details', async () => {
    const r = await search('maintenance windw rds');
    const items = r.body.composeExtension.attachments ?? [];
    const chosen = items.find(
      (i) => i.preview.content.title === 'Amazon RDS: Choosing the maintenance window',
    );
    expect(chosen?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    const card = chosen?.content ?? {};
    expect(validateAdaptiveCard(card)).toEqual([]);
    for (const i of items) {
      const { preview: _, ...attachment } = i;
      expect(Buffer.byteLength(JSON.stringify(attachment))).toBeLessThan(TEAMS_LIMITS.messageBytes);
    }
    const texts = cardTexts(card).join('\n');
    expect(texts).toContain('Choosing the maintenance window');
    expect(texts).toContain(OWNER_LABEL.customer);
    expect(cardButtons(card).map((b) => b.type)).toContain('Action.ShowCard');
    expect(feedbackData(card)?.meta).toMatchObject({ service: 'rds', owner: 'customer' });
  });

  it('a follow-up on an inserted card is answered in the conversation like any other', async () => {
    const where = channelThread();
    const r = await search('s3 encryption', { where });
    const card = r.body.composeExtension.attachments?.[0]?.content ?? {};
    const follow = askButtons(card)[0];
    expect(follow).toBeDefined();
    if (!follow) return;
    const before = h.connector.calls.length;
    await h.post(click(follow, { serviceUrl: h.connector.serviceUrl, where }));
    const answered = h.connector.calls.slice(before);
    expect(answered).toHaveLength(1);
    expect(validateAdaptiveCard(onlyCard(answered[0] as never))).toEqual([]);
  });

  it.each([
    ['nothing matches', 'xyzzy plugh', /No duty matches "xyzzy plugh"/],
    ['the search opens (initial run)', '', /^Search for a service and a task/],
  ])('answers a clear message with the example questions when %s', async (_what, text, first) => {
    const r = await search(text, text ? {} : { initialRun: true });
    expect(r.status).toBe(200);
    expect(r.body.composeExtension.type).toBe('message');
    const shown = r.body.composeExtension.text ?? '';
    expect(shown).toMatch(first);
    for (const e of EXAMPLES) expect(shown).toContain(e.label);
  });

  it('answers the command the manifest declares, with the parameter it declares', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'teams', 'manifest.json'), 'utf8')) as {
      bots: Array<{ botId: string }>;
      composeExtensions: Array<{
        botId: string;
        commands: Array<{ id: string; type: string; context: string[]; parameters: Array<{ name: string }> }>;
      }>;
    };
    const [ext] = manifest.composeExtensions;
    // The same placeholder as the bot's id: package:teams fills both with MicrosoftAppId.
    expect(ext?.botId).toBe(manifest.bots[0]?.botId);
    const [cmd] = ext?.commands ?? [];
    expect(cmd?.id).toBe(SEARCH_COMMAND_ID);
    expect(cmd?.type).toBe('query');
    expect(cmd?.context.sort()).toEqual(['commandBox', 'compose']);
    expect(cmd?.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
  });
});
