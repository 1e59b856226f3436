export { auditHash, canonicalJson, GENESIS_HASH, type AuditFacts } from './chain.js';
