import { defineFeature } from '../feature';
import { systemParametersMigration } from './migrations/017_system_parameters';
import { setupConfigMigration } from './migrations/022_setup_config';
import { agentOptionsMigration } from './migrations/023_agent_options';
import { ciscoTelephonyMigration } from './migrations/027_cisco_telephony';
import { nodeParametersMigration } from './migrations/029_node_parameters';
import { createSystemParametersService } from './systemParametersService';
import './schema';
import './setupConfigSchema';

export { assertInternalNumber } from './systemParametersService';

/**
 * System › System parameters: proxy settings (installation-wide; the provider behind
 * outboundFetch), Numbering Plan, Users Authentication Settings and Customer Authentication
 * (per tenant), and the installation's certificate, cloud credentials and web server URL. Its
 * running part is the proxy provider, removed on dispose.
 */
export const systemParametersFeature = defineFeature({
  name: 'systemParameters',
  start: (deps) => {
    const { impl, dispose } = createSystemParametersService(deps);
    return { impl, dispose: async () => dispose() };
  },
  migrations: {
    '017_system_parameters': systemParametersMigration,
    '022_setup_config': setupConfigMigration,
    '023_agent_options': agentOptionsMigration,
    '027_cisco_telephony': ciscoTelephonyMigration,
    '029_node_parameters': nodeParametersMigration,
  },
});
