import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/boot.js';

/** The core (matching, knowledge, answers) knows nothing of Slack, Teams or the environment. */
const CORE_DIRS = ['src/core', 'src/kb', 'src/org'];
const FORBIDDEN = [/from '@slack\//, /from 'botbuilder/, /from 'dotenv/, /\/adapters\//, /process\.env/];
/**
 * Nor does its text: no Slack mention (`<@U…>`, `<!here>`), Teams mention (`<at>`) or Slack emoji code
 * (`:+1:`) in a sentence, a pattern or a comment. Each adapter's inbound translation removes them, and
 * the core's sentences use neutral emoji tokens each renderer maps.
 */
const PLATFORM_SYNTAX = [/<[@!#]/, /<at>/i, /:[a-z0-9_+-]+:/i];
/**
 * Renderers are pure: at most the platform's types, never its runtime, settings or handlers, and never
 * the data files' shapes (they render replies only).
 */
const RENDER_FORBIDDEN = [
  /^import (?!type )[^;]*from '(@slack\/|botbuilder|dotenv)/m,
  /\/kb\/load/,
  /\/(listeners|handlers)\//,
  /process\.env/,
];

function files(dir: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('dependency boundary', () => {
  const all = CORE_DIRS.flatMap(files);
  it('finds the core sources', () => {
    expect(all.length).toBeGreaterThan(10);
  });
  it.each(all)('%s imports no platform SDK and reads no environment', (file) => {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
  it.each(all)('%s holds no platform syntax', (file) => {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    for (const pattern of PLATFORM_SYNTAX) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
  it.each(files('src/kb'))('%s (the knowledge base, the ground floor) imports nothing from core', (file) => {
    expect(readFileSync(join(PACKAGE_ROOT, file), 'utf8')).not.toMatch(/from '\.\.\/core\//);
  });
  const renderers = ['slack', 'teams', 'terminal'].flatMap((a) =>
    files(`src/adapters/${a}`).filter((f) => /[/\\]render[/\\.]/.test(f)),
  );
  it("finds every adapter's renderer", () => {
    expect(renderers.length).toBeGreaterThanOrEqual(3);
  });
  it.each(renderers)('%s is a pure renderer', (file) => {
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    for (const pattern of RENDER_FORBIDDEN) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
});
