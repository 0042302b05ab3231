import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SrmError } from '../../../kb/errors.js';

/**
 * Encryption at rest for Slack installations (their bot tokens and refresh tokens): AES-256-GCM with the
 * key from SLACK_TOKEN_KEY, a fresh 12-byte nonce per seal, and the installation id as additional
 * authenticated data, so a row copied under another workspace's id does not open either. The store only
 * ever sees `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 */
export interface Sealer {
  seal(plain: string, id: string): string;
  /** Throws InstallationUnreadableError for a wrong key, an altered row or an unknown format. */
  open(sealed: string, id: string): string;
}

/** A stored installation that cannot be decrypted; the message names the setting to check. */
export class InstallationUnreadableError extends SrmError {
  constructor(id: string, reason: string, options?: { cause?: unknown }) {
    super(
      'SLACK_INSTALLATION_UNREADABLE',
      `The stored Slack installation for ${id} cannot be read: ${reason}. If SLACK_TOKEN_KEY changed, set it ` +
        'back to the key the installations were saved with, or install the app in that workspace again.',
      options,
    );
  }
}

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new RangeError('SLACK_TOKEN_KEY must be 32 bytes');
  return {
    seal(plain, id) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(id, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, id) {
      const [version, nonce, tag, body, ...rest] = sealed.split('.');
      if (
        version !== VERSION ||
        nonce === undefined ||
        tag === undefined ||
        body === undefined ||
        rest.length
      ) {
        throw new InstallationUnreadableError(id, 'it is not in the sealed format this version writes');
      }
      const n = Buffer.from(nonce, 'base64url');
      const t = Buffer.from(tag, 'base64url');
      if (n.length !== NONCE_BYTES || t.length !== TAG_BYTES) {
        throw new InstallationUnreadableError(id, 'it is not in the sealed format this version writes');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, n);
        decipher.setAAD(Buffer.from(id, 'utf8'));
        decipher.setAuthTag(t);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (err) {
        throw new InstallationUnreadableError(
          id,
          'it does not decrypt with SLACK_TOKEN_KEY (a different key, or the row was altered)',
          { cause: err },
        );
      }
    },
  };
}
