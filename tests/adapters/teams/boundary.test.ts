import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/app/boot.js';

/**
 * botbuilder is archived upstream: all of it stays inside src/adapters/teams, so moving to its successor
 * touches nothing else (../shared/STYLE.md).
 */
function files(dir: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('the botbuilder boundary', () => {
  const sources = files('src');
  it('finds the Teams adapter', () => {
    expect(sources).toContain(join('src', 'adapters', 'teams', 'index.ts'));
  });
  it.each(sources.filter((f) => !f.startsWith(join('src', 'adapters', 'teams'))))(
    '%s does not import botbuilder',
    (file) => {
      const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
      expect(text).not.toMatch(/^import (?!type )[^;]*from 'botbuilder/m);
      expect(text).not.toMatch(/import\('botbuilder/);
    },
  );
  it('the composition root loads the Slack and Teams adapters lazily', () => {
    const main = readFileSync(join(PACKAGE_ROOT, 'src/app/server.ts'), 'utf8');
    expect(main).not.toMatch(/^import [^;]*adapters\/(slack|teams)\//m);
    expect(main).toMatch(/await import\('\.\.\/adapters\/teams\/index\.js'\)/);
  });
});
