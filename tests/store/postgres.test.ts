import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { type PostgresCluster, postgresAvailability, startPostgres } from '../helpers/postgres.js';
import { type EngineHarness, storeBehaviour } from './behaviour.js';
import { upgradeBehaviour } from './upgrade.js';

const { bin, skip } = postgresAvailability();

describe.skipIf(skip)('PostgreSQL store', () => {
  let cluster: PostgresCluster;
  let n = 0;
  beforeAll(async () => {
    cluster = await startPostgres(bin);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const harness = (): EngineHarness & { name: 'postgres' } => ({
    name: 'postgres',
    async newDatabase() {
      const url = await cluster.createDatabase(`behaviour_${++n}`);
      return {
        open: (options) => openPostgresStore(url, options),
        async exec(sql) {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
      };
    },
  });
  storeBehaviour(harness);
  upgradeBehaviour(harness);

  it('names DATABASE_URL, without the password, when the server cannot be reached', async () => {
    const url = `postgres://srm:s3cret-pw@127.0.0.1:${cluster.port}/no_such_database`;
    const err = await openPostgresStore(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('STORE_OPEN');
    expect((err as StoreError).message).toMatch(/DATABASE_URL/);
    expect((err as StoreError).message).not.toMatch(/s3cret/);
  });
});
