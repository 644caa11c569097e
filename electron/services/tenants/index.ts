import { defineFeature } from '../feature';
import { createTenantsService } from './tenantsService';

// For other features (they import a feature only through its index.ts).
export { listTenants, tenantPolicy } from './tenantRepo';

/** Tenants and their password policy. Its tables are core (001_initial). */
export const tenantsFeature = defineFeature({
  name: 'tenants',
  start: ({ data }) => ({ impl: createTenantsService(data) }),
});
