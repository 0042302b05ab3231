import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/app/boot.js';
import { COMMANDS } from '../../../src/core/answer/messages.js';

const require = createRequire(import.meta.url);

/** The Teams app package, built by the compiled script exactly as `npm run package:teams` runs it. */

const SCRIPT = join(PACKAGE_ROOT, 'dist', 'scripts', 'package-teams.js');
const ICONS = join(PACKAGE_ROOT, 'dist', 'scripts', 'teams-icons.js');
const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const dir = mkdtempSync(join(tmpdir(), 'srm-teams-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a compiled script in the temp dir (so no .env of the checkout is read), with only `env` set. */
function run(script: string, env: Record<string, string>, args: string[] = []) {
  const { MicrosoftAppId: _, SRM_TEAMS_PACKAGE_OUT: __, ...base } = process.env;
  return spawnSync(process.execPath, [script, ...args], {
    cwd: dir,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  icons: { color: string; outline: string };
  bots: Array<{
    botId: string;
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
}

describe('npm run package:teams', () => {
  const out = join(dir, 'out', 'srm-bot-teams.zip');
  let result: ReturnType<typeof run>;
  let files: Record<string, Uint8Array> = {};
  let manifest: Manifest;
  beforeAll(() => {
    result = run(SCRIPT, { MicrosoftAppId: GUID, SRM_TEAMS_PACKAGE_OUT: out });
    if (result.status !== 0) return;
    files = unzipSync(readFileSync(out));
    manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as Manifest;
  });

  it('writes the zip and says where', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('srm-bot-teams.zip');
  });

  it('holds manifest.json and the two icons at the zip root, and nothing else', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills the app id and the bot id from MicrosoftAppId, and the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.id).toBe(GUID);
    expect(manifest.bots[0]?.botId).toBe(GUID);
    expect(manifest.version).toBe(pkg.version);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.$schema).toContain(`/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it("validates against Microsoft's own JSON schema for its manifest version", () => {
    // The schemas Microsoft publishes, as shipped in its @microsoft/app-manifest package (draft-04).
    const schema = require(
      `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    ) as object;
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('offers every command of the core (help, service, model, controls, tour, quiz, progress) in every scope', () => {
    const bot = manifest.bots[0];
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.commandLists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.map((c) => c.title)).toEqual(COMMANDS.map((c) => c.name));
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(10);
    }
    expect(bot?.commandLists[0]?.commands[1]?.description).toContain('service <name>');
  });

  it('has a 192×192 colour icon and a 32×32 white outline icon on a transparent background', () => {
    const color = PNG.sync.read(Buffer.from(files[manifest.icons.color] ?? []));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(Buffer.from(files[manifest.icons.outline] ?? []));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const alphas = Array.from({ length: 32 * 32 }, (_, i) => outline.data[i * 4 + 3] ?? 0);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.3);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(32);
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3]) expect([...outline.data.subarray(i, i + 3)]).toEqual([255, 255, 255]);
    }
  });

  it('builds the same zip bytes from the same inputs', () => {
    const again = join(dir, 'again.zip');
    expect(run(SCRIPT, { MicrosoftAppId: GUID, SRM_TEAMS_PACKAGE_OUT: again }).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  it.each([
    ['missing', {}, /MicrosoftAppId is required/],
    ['empty', { MicrosoftAppId: ' ' }, /MicrosoftAppId is required/],
    ['not a GUID', { MicrosoftAppId: 'my-bot' }, /MicrosoftAppId must be a GUID/],
  ])('exits 1 naming MicrosoftAppId when it is %s, and writes nothing', (_name, env, message) => {
    const target = join(dir, `bad-${_name.replace(/\W/g, '-')}.zip`);
    const r = run(SCRIPT, { ...env, SRM_TEAMS_PACKAGE_OUT: target });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('my-bot');
    expect(() => readFileSync(target)).toThrow();
  });
});

describe('the icons', () => {
  it('are what scripts/teams-icons.ts draws (the committed PNGs are reproducible)', () => {
    const out = join(dir, 'icons');
    const r = run(ICONS, {}, [out]);
    expect(r.status).toBe(0);
    for (const name of ['color.png', 'outline.png']) {
      const drawn = PNG.sync.read(readFileSync(join(out, name)));
      const committed = PNG.sync.read(readFileSync(join(PACKAGE_ROOT, 'teams', name)));
      expect([drawn.width, drawn.height]).toEqual([committed.width, committed.height]);
      // Pixels, not file bytes: the PNG encoder's zlib may differ between Node versions.
      expect(Buffer.from(drawn.data).equals(Buffer.from(committed.data)), name).toBe(true);
    }
  });
});
