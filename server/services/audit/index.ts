export {
  latestEvents,
  recordEvent,
  verifyAudit,
  verifyAuditAs,
  type AuditTarget,
  type AuditVerification,
} from './audit.js';
