import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Tests that spawn the real `srm` binary and server run the compiled JavaScript: build it first. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
