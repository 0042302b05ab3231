import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  installationStore,
  NotInstalledError,
} from '../../../src/adapters/slack/oauth/installation-store.js';
import { createSealer, InstallationUnreadableError } from '../../../src/adapters/slack/oauth/seal.js';
import { openMemoryStore } from '../../../src/store/memory.js';

describe('sealing Slack installations (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const sealer = createSealer(key);
  const plain = JSON.stringify({ bot: { token: 'xoxb-secret-token', refreshToken: 'xoxe-1-secret' } });

  it('round-trips, with no token in clear and a fresh nonce each time', () => {
    const a = sealer.seal(plain, 'T1');
    const b = sealer.seal(plain, 'T1');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('xox');
    expect(a).not.toBe(b);
    expect(sealer.open(a, 'T1')).toBe(plain);
  });

  it('a wrong key is a clear error naming SLACK_TOKEN_KEY, not a crash', () => {
    const sealed = sealer.seal(plain, 'T1');
    const err = (() => {
      try {
        createSealer(randomBytes(32)).open(sealed, 'T1');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InstallationUnreadableError);
    expect((err as InstallationUnreadableError).code).toBe('SLACK_INSTALLATION_UNREADABLE');
    expect((err as Error).message).toMatch(/T1.*SLACK_TOKEN_KEY/);
    expect((err as Error).message).not.toContain('xox');
  });

  it('a row moved to another workspace id, altered, or not sealed at all does not open', () => {
    const sealed = sealer.seal(plain, 'T1');
    expect(() => sealer.open(sealed, 'T2')).toThrow(InstallationUnreadableError);
    const [v, n, t, body] = sealed.split('.') as [string, string, string, string];
    const flipped = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => sealer.open([v, n, t, flipped].join('.'), 'T1')).toThrow(InstallationUnreadableError);
    expect(() => sealer.open(plain, 'T1')).toThrow(/sealed format/);
  });

  it('the installation store keys org-wide installs by enterprise id, others by team id', async () => {
    const store = await openMemoryStore({ sweepIntervalMs: 0 });
    const installations = installationStore(store.installations, sealer);
    const bot = { token: 'xoxb-a', scopes: ['chat:write'], id: 'B1', userId: 'U1' };
    await installations.storeInstallation({
      team: { id: 'T1' },
      enterprise: { id: 'E1' },
      user: { id: 'U0', token: undefined, scopes: undefined },
      bot,
      isEnterpriseInstall: false,
    });
    await installations.storeInstallation({
      team: undefined,
      enterprise: { id: 'E2' },
      user: { id: 'U0', token: undefined, scopes: undefined },
      bot: { ...bot, token: 'xoxb-org' },
      isEnterpriseInstall: true,
    });
    expect(await store.installations.get('T1')).toBeDefined();
    expect(await store.installations.get('E2')).toBeDefined();
    expect(await store.installations.get('E1')).toBeUndefined();
    const workspace = await installations.fetchInstallation({
      teamId: 'T1',
      enterpriseId: 'E1',
      isEnterpriseInstall: false,
    });
    expect(workspace.bot?.token).toBe('xoxb-a');
    const org = await installations.fetchInstallation({
      teamId: 'T9',
      enterpriseId: 'E2',
      isEnterpriseInstall: true,
    });
    expect(org.bot?.token).toBe('xoxb-org');
    await installations.deleteInstallation({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false });
    await expect(
      installations.fetchInstallation({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false }),
    ).rejects.toBeInstanceOf(NotInstalledError);
    await store.close();
  });
});
