/**
 * Builds the Teams app package to upload (Teams → Apps → Manage your apps → Upload an app, or the
 * Developer Portal / Teams admin center): `npm run package:teams` writes dist/teams/srm-bot-teams.zip
 * with manifest.json, color.png and outline.png at the zip root.
 *
 * Settings (from the environment, or .env like `npm start`):
 * - MicrosoftAppId (required): the bot's Microsoft App ID, a GUID. It becomes both the Teams app id and
 *   bots[0].botId (the `${{MicrosoftAppId}}` placeholders in teams/manifest.json).
 * - SRM_TEAMS_PACKAGE_OUT (optional): where to write the zip instead.
 * The manifest's version is package.json's. Every problem is reported together; exit code 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { strToU8, zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { PACKAGE_ROOT } from '../src/package-root.js';

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';
/** A fixed timestamp for every zip entry, so the same inputs give the same zip bytes. */
const ZIP_TIME = new Date('2024-01-01T00:00:00Z');
/** Teams' required icon sizes (learn.microsoft.com: app package icons). */
const ICON_SIZES = { color: 192, outline: 32 } as const;

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PackageError';
  }
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Replaces `${{NAME}}` placeholders; values are JSON-escaped because they land inside strings. */
function fill(template: string, values: Record<string, string>, problems: string[]): string {
  return template.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) {
      problems.push(`teams/manifest.json: unknown placeholder ${placeholder}`);
      return placeholder;
    }
    return JSON.stringify(value).slice(1, -1);
  });
}

function checkLength(problems: string[], field: string, value: unknown, max: number): void {
  const s = str(value);
  if (!s || s.trim() === '') problems.push(`manifest ${field} is required`);
  else if (s.length > max) problems.push(`manifest ${field} is ${s.length} characters (max ${max})`);
}

function checkUrl(problems: string[], field: string, value: unknown): void {
  const s = str(value);
  if (!s || !/^https:\/\/[^\s]+$/.test(s)) problems.push(`manifest ${field} must be an https URL`);
}

/** The fields Teams rejects an upload for, with the schema's limits. */
export function checkManifest(m: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(m)) return ['manifest is not a JSON object'];
  const version = str(m.manifestVersion);
  if (!version || !/^1\.\d+$/.test(version)) problems.push('manifest manifestVersion must look like 1.30');
  else if (!str(m.$schema)?.includes(`/teams/v${version}/`))
    problems.push(`manifest $schema must be the v${version} schema`);
  if (!/^\d+\.\d+\.\d+$/.test(str(m.version) ?? '')) problems.push('manifest version must be like 1.0.0');
  if (!GUID.test(str(m.id) ?? '')) problems.push('manifest id must be a GUID');

  const dev = isObj(m.developer) ? m.developer : {};
  checkLength(problems, 'developer.name', dev.name, 32);
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    checkUrl(problems, `developer.${key}`, dev[key]);
  }
  const name = isObj(m.name) ? m.name : {};
  checkLength(problems, 'name.short', name.short, 30);
  if (name.full !== undefined) checkLength(problems, 'name.full', name.full, 100);
  const description = isObj(m.description) ? m.description : {};
  checkLength(problems, 'description.short', description.short, 80);
  checkLength(problems, 'description.full', description.full, 4000);
  if (!/^#[0-9A-Fa-f]{6}$/.test(str(m.accentColor) ?? ''))
    problems.push('manifest accentColor must be #RRGGBB');
  const icons = isObj(m.icons) ? m.icons : {};
  for (const key of ['color', 'outline'] as const) {
    if (!str(icons[key])) problems.push(`manifest icons.${key} is required`);
  }

  const bots = Array.isArray(m.bots) ? m.bots : [];
  const bot = bots[0];
  if (!isObj(bot)) return [...problems, 'manifest bots[0] is required'];
  if (!GUID.test(str(bot.botId) ?? '')) problems.push('manifest bots[0].botId must be a GUID');
  const scopes = Array.isArray(bot.scopes) ? bot.scopes : [];
  if (scopes.length === 0) problems.push('manifest bots[0].scopes is required');
  const lists = Array.isArray(bot.commandLists) ? bot.commandLists : [];
  if (lists.length > 3) problems.push('manifest bots[0].commandLists has more than 3 entries');
  lists.forEach((list: unknown, i) => {
    const commands = isObj(list) && Array.isArray(list.commands) ? list.commands : [];
    if (commands.length === 0 || commands.length > 10) {
      problems.push(`manifest bots[0].commandLists[${i}] must have 1 to 10 commands`);
    }
    commands.forEach((c: unknown, j) => {
      const where = `bots[0].commandLists[${i}].commands[${j}]`;
      checkLength(problems, `${where}.title`, isObj(c) ? c.title : undefined, 32);
      checkLength(problems, `${where}.description`, isObj(c) ? c.description : undefined, 128);
    });
  });
  return problems;
}

/** Size, and for the outline icon: white on a transparent background (what Teams requires). */
export function checkIcon(kind: keyof typeof ICON_SIZES, file: string, bytes: Buffer): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch {
    return [`${file} is not a PNG`];
  }
  const size = ICON_SIZES[kind];
  const problems: string[] = [];
  if (png.width !== size || png.height !== size) {
    problems.push(`${file} is ${png.width}×${png.height}; the ${kind} icon must be ${size}×${size}`);
  }
  if (kind === 'outline') {
    let transparent = 0;
    let notWhite = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3] ?? 0;
      if (alpha === 0) transparent++;
      else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) notWhite++;
    }
    if (transparent === 0) problems.push(`${file} needs a transparent background`);
    if (notWhite > 0) problems.push(`${file} must be white only (${notWhite} pixels are not)`);
  }
  return problems;
}

/** Reads the settings and teams/, validates everything, and returns the zip and where it goes. */
export function buildPackage(env: Env, root = PACKAGE_ROOT): { out: string; zip: Uint8Array } {
  const problems: string[] = [];
  const appId = env.MicrosoftAppId?.trim();
  if (!appId) {
    problems.push(
      `MicrosoftAppId is required: the bot's Microsoft App ID (Azure Bot → Configuration), a GUID such as ${EXAMPLE_GUID}`,
    );
  } else if (!GUID.test(appId)) {
    problems.push(`MicrosoftAppId must be a GUID such as ${EXAMPLE_GUID}`);
  }
  if (problems.length) throw new PackageError(problems);

  const teamsDir = join(root, 'teams');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const filled = fill(
    readFileSync(join(teamsDir, 'manifest.json'), 'utf8'),
    { MicrosoftAppId: appId ?? '', APP_VERSION: pkg.version ?? '' },
    problems,
  );
  let manifest: unknown;
  try {
    manifest = JSON.parse(filled);
  } catch (err) {
    throw new PackageError([...problems, `teams/manifest.json is not valid JSON: ${(err as Error).message}`]);
  }
  problems.push(...checkManifest(manifest));

  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  const icons = isObj(manifest) && isObj(manifest.icons) ? manifest.icons : {};
  for (const kind of ['color', 'outline'] as const) {
    const name = str(icons[kind]);
    if (!name) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(teamsDir, name));
    } catch {
      problems.push(`teams/${name} is missing (npm run build && node dist/scripts/teams-icons.js draws it)`);
      continue;
    }
    problems.push(...checkIcon(kind, `teams/${name}`, bytes));
    files[name] = bytes;
  }
  if (problems.length) throw new PackageError(problems);

  const out = resolve(env.SRM_TEAMS_PACKAGE_OUT?.trim() || join(root, 'dist', 'teams', 'srm-bot-teams.zip'));
  return { out, zip: zipSync(files, { level: 9, mtime: ZIP_TIME }) };
}

function main(): void {
  dotenv.config({ quiet: true });
  try {
    const { out, zip } = buildPackage(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    const shown = relative(process.cwd(), out) || out;
    console.log(
      `Wrote ${shown} (${zip.length.toLocaleString('en-US')} bytes): upload it in Teams → Apps → Manage your apps.`,
    );
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    for (const p of err.problems) console.error(`package:teams: ${p}`);
    process.exitCode = 1;
  }
}

// Run as a script (not when imported by a test).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
