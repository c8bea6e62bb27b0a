/** The local study database. The rest of the app uses this interface and never SQL. */
export { openStudyStore } from './open-study-store.js';
export type { IntegrityCheck, OpenOptions } from './open-database.js';
export { openDatabase } from './open-database.js';
export { FULL_CHECK_MAX_BYTES } from './open-database.js';
export { defaultDataDir, defaultStorePath, STORE_FILE_NAME, type DataDirContext } from './data-dir.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export { StoreError } from './store-error.js';
export type * from './study-store.js';
