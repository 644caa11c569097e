import { defineFeature } from '../feature';
import { createAuditService } from './auditService';

/** The audit log (written by every feature's unit of work; this service reads and exports it). */
export const auditFeature = defineFeature({
  name: 'audit',
  start: ({ data }) => ({ impl: createAuditService(data) }),
});
