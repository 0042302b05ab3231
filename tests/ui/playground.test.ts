import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/adapters/teams/handlers/search.js';
import { TEAMS_TEXT } from '../../src/adapters/teams/render/text.js';
import { TEAMS_REPLIES } from '../../src/adapters/teams/text.js';
import { PACKAGE_ROOT } from '../../src/app/boot.js';
import { ONBOARDING } from '../../src/core/answer/messages.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { STORE_TUNABLES } from '../../src/store/tunables.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

/**
 * The bot in Microsoft 365 Agents Playground, Microsoft's local Teams client (it renders Adaptive Cards
 * with Teams' own renderer and sends what Teams sends), driven in headless Chromium: the server process
 * as `npm start` runs it, unauthenticated as for any local client. Screenshots go to screenshots/
 * playground/ (not in git).
 */

const CHROMIUM = process.env.SRM_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(PACKAGE_ROOT, 'screenshots', 'playground');
const CLI = join(PACKAGE_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Starts the Playground against the bot; resolves once its web UI listens. */
async function startPlayground(
  endpoint: string,
  port: number,
): Promise<{ child: ChildProcess; out: () => string }> {
  // Its own process group, so stopping it stops whatever it started.
  const child = spawn(process.execPath, [CLI, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--dt'], {
    cwd: PACKAGE_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const until = Date.now() + 60_000;
  while (!out.includes(`Listening on ${port}`)) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`Agents Playground did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, out: () => out };
}

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test:ui skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('srm-bot in Microsoft 365 Agents Playground (headless Chromium)', () => {
  let server: ServerProcess;
  let playground: { child: ChildProcess; out: () => string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    const uiPort = await freePort();
    playground = await startPlayground(`${server.base}/api/messages`, uiPort);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`http://127.0.0.1:${uiPort}/`);
  });

  afterAll(async () => {
    await browser?.close();
    if (playground?.child.pid) {
      try {
        process.kill(-playground.child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    server?.kill();
  });

  const cards = () => page.locator('.ac-adaptiveCard');
  /** The newest card that shows `text`. */
  const cardWith = (text: string): Locator => cards().filter({ hasText: text }).last();
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  it('shows the welcome card when the chat opens', async () => {
    await cardWith('Try asking').waitFor({ timeout: 30_000 });
    await shot('1-welcome');
  });

  it('answers "who patches RDS?" with a compact card naming the owner', async () => {
    const box = page.getByRole('textbox').first();
    await box.click();
    await page.keyboard.type('who patches RDS?');
    await page.keyboard.press('Enter');
    const answer = cardWith('Applying database engine and OS patches on Amazon RDS');
    await answer.waitFor({ timeout: 30_000 });
    await expect.poll(() => answer.locator('text=☁️ AWS').count()).toBeGreaterThan(0);
    await expect.poll(() => answer.getByText(`${TEAMS_TEXT.awsSide}:`).count()).toBe(1);
    // The whole answer is behind Details, not on the card.
    expect(await answer.getByText('Security Hub').isVisible()).toBe(false);
    await answer.screenshot({ path: join(SHOTS, '2-answer.png') });
    await shot('2-answer-page');
  });

  it('opens Details in place: both sides in full, the area, Security Hub', async () => {
    const answer = cardWith('Applying database engine and OS patches on Amazon RDS');
    await answer.getByRole('button', { name: TEAMS_TEXT.details }).click();
    await expect.poll(() => answer.getByText('Security Hub').first().isVisible()).toBe(true);
    await expect.poll(() => answer.getByText('The area: Patching and updates on Amazon RDS').count()).toBe(1);
    await answer.screenshot({ path: join(SHOTS, '3-details.png') });
  });

  it('answers a follow-up button in the chat, saying who asked', async () => {
    const answer = cardWith('Applying database engine and OS patches on Amazon RDS');
    const follow = answer.getByRole('button', { name: 'Encryption at rest on RDS' });
    await follow.click();
    const next = cardWith('Asked by');
    await next.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => next.textContent())
      .toMatch(/Asked by .*: who is responsible for encryption at rest on rds/i);
    await expect.poll(() => next.textContent()).toMatch(/Amazon RDS/);
    await shot('4-follow-up');
  });

  it('records Helpful in the store and thanks the clicker', async () => {
    const answer = cardWith('Applying database engine and OS patches on Amazon RDS');
    await answer.getByRole('button', { name: TEAMS_TEXT.helpful }).click();
    await page.getByText(TEAMS_REPLIES.thanksHelpful).last().waitFor({ timeout: 30_000 });
    // The server keeps feedback in its SQLite store under var/ of its working folder.
    const rows = async () => {
      const store = await openSqliteStore(join(server.dir, 'var', STORE_TUNABLES.sqliteFile), {
        sweepIntervalMs: 0,
      });
      try {
        return await store.feedback.rows(new Date(0), new Date(Date.now() + 60_000));
      } finally {
        await store.close();
      }
    };
    await expect.poll(async () => (await rows()).some((r) => r.verdict === 'helpful')).toBe(true);
    const record = (await rows()).find((r) => r.verdict === 'helpful');
    expect(record).toMatchObject({ platform: 'teams', answered: 'rds.engine-os-patching' });
    await shot('5-feedback');
  });

  it("runs the tour's first step from the welcome card", async () => {
    const welcome = cardWith(ONBOARDING.startTour);
    await welcome.getByRole('button', { name: ONBOARDING.startTour }).first().click();
    const step = cardWith(ONBOARDING.tour.step(1, 7));
    await step.waitFor({ timeout: 30_000 });
    await expect.poll(() => step.getByRole('button', { name: ONBOARDING.tour.next }).count()).toBe(1);
    await shot('6-tour');
  });

  it('searches duties from the compose box (message extension): the results list titles and owners', async () => {
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByText('Search Command').click();
    // Agents Playground has no app manifest here: it asks for the command id and parameter the
    // manifest declares (teams/manifest.json composeExtensions).
    await page.getByText('Specify Command ID or Parameter').click();
    await page.getByPlaceholder('Command ID').fill(SEARCH_COMMAND_ID);
    await page.getByPlaceholder('Parameter name').fill(SEARCH_PARAMETER);
    await page.getByPlaceholder('Enter a search term').fill('maintenance windw rds');
    await page.keyboard.press('Enter');
    await page.getByText('Amazon RDS: Choosing the maintenance window').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText('👤 You (the customer)').count()).toBeGreaterThan(0);
    await shot('7-search');
    // Choosing a result inserts nothing in Agents Playground 0.2 (it does in Teams); the inserted card is
    // tested against the fake connector (tests/adapters/teams/search.test.ts).
  });
});
