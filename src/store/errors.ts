import { SrmError } from '../kb/errors.js';

/** The store could not be opened or migrated; `message` says what to do. */
export class StoreError extends SrmError {
  constructor(code: `STORE_${string}`, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
