export {
  latestEvents,
  recordEvent,
  verifyAudit,
  verifyAuditAs,
  type AuditTarget,
  type AuditVerification,
} from './audit.js';
export { searchEvents, type EventSearch } from './search-events.js';
export { ReadAuditor, type DataRead } from './read-audit.js';
