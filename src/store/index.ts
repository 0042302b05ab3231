import { openMemoryStore } from './memory.js';
import { openPostgresStore } from './postgres.js';
import type { StoreConfig } from './settings.js';
import { openSqliteStore } from './sqlite.js';
import type { Store, StoreOptions } from './types.js';

export { StoreError } from './errors.js';
export { type MemoryBacking, memoryBacking, openMemoryStore } from './memory.js';
export { openPostgresStore } from './postgres.js';
export { loadStoreConfig, type StoreConfig, storeConfig } from './settings.js';
export { openSqliteStore } from './sqlite.js';
export type * from './types.js';

/** Opens the configured engine, creating or migrating its tables first. */
export function openStore(config: StoreConfig, options: StoreOptions = {}): Promise<Store> {
  switch (config.engine) {
    case 'sqlite':
      return openSqliteStore(config.file, options);
    case 'postgres':
      return openPostgresStore(config.url, options);
    case 'memory':
      return openMemoryStore(options);
  }
}
