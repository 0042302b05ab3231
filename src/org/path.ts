import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the ownership file is: `SRM_ORG_FILE` when set (it must exist), else `org.yaml` beside the data
 * folder when there is one, else none. Read once at start: an edit takes effect on restart.
 */
export function orgFilePath(configured: string | null, dataDir: string): string | null {
  if (configured) return resolve(configured);
  const beside = join(dirname(resolve(dataDir)), 'org.yaml');
  return existsSync(beside) ? beside : null;
}
