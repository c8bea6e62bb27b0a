/** The append-only, hash-chained audit log kept in the study database file. */
export { appendAuditEntry, listAuditEntries, openAuditLog, type AuditLog, type AuditLogOptions } from './audit-log.js';
export { verifyAuditChain } from './verify-audit-chain.js';
export { AUDIT_MIGRATIONS, LATEST_AUDIT_SCHEMA_VERSION, auditSchemaVersion, migrateAudit } from './audit-schema.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
export { entryHash } from './audit-hash.js';
export * from './audit-types.js';
