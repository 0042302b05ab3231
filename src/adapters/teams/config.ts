import { type Checkers, type Env, str } from '../../settings.js';

/** The Teams adapter's settings. */
export interface TeamsConfig {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** True only for the Bot Framework Emulator and local tests: no authentication at all. */
  allowUnauthenticated: boolean;
}

/**
 * Teams is on with an app id, or explicitly unauthenticated for the Emulator and tests. Adds each problem
 * to `problems`; null when Teams is off.
 */
export function teamsConfig(
  env: Env,
  problems: string[],
  { bool, oneOf }: Checkers,
  production: boolean,
): TeamsConfig | null {
  const appId = str(env, 'MicrosoftAppId');
  const allowUnauthenticated = bool('TEAMS_ALLOW_UNAUTHENTICATED');
  if (appId || allowUnauthenticated) {
    const appPassword = str(env, 'MicrosoftAppPassword') ?? '';
    const tenantId = str(env, 'MicrosoftAppTenantId') ?? '';
    // New Azure bots are single-tenant: with a tenant id and no type, that is the type. botbuilder
    // would otherwise ask the botframework.com tenant for tokens and every reply would fail.
    const appType = oneOf(
      'MicrosoftAppType',
      ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const,
      tenantId ? 'SingleTenant' : 'MultiTenant',
    );
    if (appId) {
      if (appType !== 'UserAssignedMSI' && !appPassword) {
        problems.push("MicrosoftAppPassword is required with MicrosoftAppId: the bot's client secret");
      }
      if (appType !== 'MultiTenant' && !tenantId) {
        problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
      }
      if (appType === 'MultiTenant' && tenantId) {
        problems.push(
          'MicrosoftAppTenantId is set but MicrosoftAppType is MultiTenant, which ignores it: set MicrosoftAppType=SingleTenant (new Azure bots are single-tenant)',
        );
      }
      if (appType === 'UserAssignedMSI' && appPassword) {
        problems.push('MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI');
      }
    } else if (production) {
      problems.push(
        'TEAMS_ALLOW_UNAUTHENTICATED=true is refused when NODE_ENV=production: set MicrosoftAppId and MicrosoftAppPassword',
      );
    }
    return { appId: appId ?? '', appPassword, appType, tenantId, allowUnauthenticated: !appId };
  }
  return null;
}
