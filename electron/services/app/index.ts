import { toLaunchOptionsView } from '../../cli/flags';
import { defineFeature } from '../feature';
import { createAppService } from './appService';

export { Notices } from './appService';

/** The shell's own service: product info, the launch options, the notices raised in main. */
export const appFeature = defineFeature({
  name: 'app',
  start: ({ info, launchOptions, notices }) => ({
    impl: createAppService({ info, launchOptions: toLaunchOptionsView(launchOptions), notices }),
  }),
});
