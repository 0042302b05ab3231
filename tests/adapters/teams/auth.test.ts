import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/kb/errors.js';
import { message, personalChat } from '../../helpers/teams/activities.js';
import { startTeamsHarness, type TeamsHarness } from '../../helpers/teams/harness.js';

const APP = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
};

describe('authentication with MicrosoftAppId set', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ env: APP });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a request without Authorization with 401 and sends nothing to the connector', async () => {
    const res = await h.post(
      message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: 'who patches RDS?' }),
    );
    expect(res.status).toBe(401);
    expect(h.connector.requests).toEqual([]);
  });

  it('refuses a bearer token that is not a Bot Framework token with 401 (botbuilder decides)', async () => {
    // botbuilder prints the AuthenticationError to the console before answering 401; keep the output clean.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await h.post(
      message({ serviceUrl: h.connector.serviceUrl, where: personalChat(), text: 'who patches RDS?' }),
      { authorization: 'Bearer not.a.token' },
    );
    printed.mockRestore();
    expect(res.status).toBe(401);
    expect(h.connector.requests).toEqual([]);
  });

  it('does not warn about missing authentication', () => {
    expect(h.logs.filter((l) => String(l.msg).includes('WITHOUT AUTHENTICATION'))).toEqual([]);
  });
});

describe('TEAMS_ALLOW_UNAUTHENTICATED', () => {
  it('logs a loud warning naming the setting when the adapter starts', async () => {
    const h = await startTeamsHarness();
    try {
      const warning = h.logs.find((l) => l.setting === 'TEAMS_ALLOW_UNAUTHENTICATED');
      expect(warning).toMatchObject({ level: 40, platform: 'teams' });
      expect(String(warning?.msg)).toMatch(/WITHOUT AUTHENTICATION/);
    } finally {
      await h.close();
    }
  });

  it('is refused when NODE_ENV=production, naming the variable', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/TEAMS_ALLOW_UNAUTHENTICATED/);
  });

  it('is ignored once an app id is set: requests are authenticated', () => {
    const config = loadConfig({ ...APP, TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    expect(config.teams).toMatchObject({ appId: APP.MicrosoftAppId, allowUnauthenticated: false });
  });
});

describe('Teams settings', () => {
  it('names each missing setting, never printing the secret', () => {
    let error: unknown;
    try {
      loadConfig({ MicrosoftAppId: APP.MicrosoftAppId, MicrosoftAppType: 'SingleTenant' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/MicrosoftAppPassword/);
    expect(problems).toMatch(/MicrosoftAppTenantId/);

    let typo: unknown;
    try {
      loadConfig({ ...APP, MicrosoftAppType: 'Multitenant' });
    } catch (err) {
      typo = err;
    }
    expect(String((typo as Error).message)).toMatch(/MicrosoftAppType/);
    expect(String((typo as Error).message)).not.toContain(APP.MicrosoftAppPassword);
  });
});

describe('app type settings that would leave a real bot silent', () => {
  it('a tenant id without a type means SingleTenant', () => {
    const c = loadConfig({
      MicrosoftAppId: APP.MicrosoftAppId,
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: 'tenant-1',
    });
    expect(c.teams?.appType).toBe('SingleTenant');
  });
  it('a tenant id with MultiTenant is refused, naming both settings', () => {
    expect(() =>
      loadConfig({
        MicrosoftAppId: APP.MicrosoftAppId,
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'MultiTenant',
        MicrosoftAppTenantId: 'tenant-1',
      }),
    ).toThrow(/MicrosoftAppTenantId is set but MicrosoftAppType is MultiTenant/);
  });
  it('a password with a managed identity is refused', () => {
    expect(() =>
      loadConfig({
        MicrosoftAppId: APP.MicrosoftAppId,
        MicrosoftAppPassword: 'x',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 'tenant-1',
      }),
    ).toThrow(/MicrosoftAppPassword must be empty/);
  });
});
