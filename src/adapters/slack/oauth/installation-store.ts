import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { SrmError } from '../../../kb/errors.js';
import type { InstallationVault } from '../../../store/types.js';
import { InstallationUnreadableError, type Sealer } from './seal.js';

/** No installation is stored for the workspace (never installed, or uninstalled since). */
export class NotInstalledError extends SrmError {
  readonly installationId: string;
  constructor(id: string) {
    super('SLACK_NOT_INSTALLED', `srm-bot is not installed in ${id} (never installed, or uninstalled)`);
    this.installationId = id;
  }
}

/**
 * Bolt's InstallationStore over the project's store (SQLite or PostgreSQL, `store.installations`): each
 * installation is one row, its JSON sealed by `sealer` (AES-256-GCM) so no token is kept in clear. The
 * row id is the enterprise id for an org-wide install and the team id otherwise, as Bolt's queries ask.
 * Bolt's installer writes here after the OAuth redirect and again after refreshing a rotated token, and
 * reads here to authorize every request.
 */
export interface SlackInstallations extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
}

export function installationStore(vault: InstallationVault, sealer: Sealer): SlackInstallations {
  return {
    async storeInstallation(installation) {
      const id = installationId(installation);
      await vault.put(id, sealer.seal(JSON.stringify(installation), id));
    },
    async fetchInstallation(query) {
      const id = queryId(query);
      const sealed = await vault.get(id);
      if (sealed === undefined) throw new NotInstalledError(id);
      const plain = sealer.open(sealed, id);
      try {
        return JSON.parse(plain) as Installation;
      } catch (err) {
        throw new InstallationUnreadableError(id, 'its content is not JSON', { cause: err });
      }
    },
    async deleteInstallation(query) {
      await vault.delete(queryId(query));
    },
  };
}

/** The row id of an installation: its enterprise for an org-wide install, else its workspace. */
export function installationId(installation: Installation): string {
  const id = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!id)
    throw new SrmError('SLACK_INSTALLATION_INVALID', 'an installation without a team or enterprise id');
  return id;
}

/** The row id a query asks for: the enterprise for an org-wide install, else the workspace. */
export function queryId(query: InstallationQuery<boolean>): string {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) throw new SrmError('SLACK_INSTALLATION_INVALID', 'a request without a team or enterprise id');
  return id;
}
