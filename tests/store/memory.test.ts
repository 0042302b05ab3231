import { describe } from 'vitest';
import { memoryBacking, openMemoryStore } from '../../src/store/memory.js';
import { type EngineHarness, storeBehaviour } from './behaviour.js';

const harness: EngineHarness = {
  name: 'memory',
  async newDatabase() {
    const backing = memoryBacking();
    return { open: (options) => openMemoryStore({ ...options, backing }) };
  },
};

describe('in-memory store', () => {
  storeBehaviour(() => harness);
});
