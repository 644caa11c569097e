import { defineFeature } from '../feature';
import { traceSettingsMigration } from './migrations/002_trace_settings';
import { createTraceService } from './traceService';

/** Trace levels per server machine, with .reg export and import. */
export const traceFeature = defineFeature({
  name: 'trace',
  start: ({ data }) => ({ impl: createTraceService(data) }),
  migrations: { '002_trace_settings': traceSettingsMigration },
});
