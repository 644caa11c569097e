import { z } from 'zod';
import { Area } from '../../../../electron/contract';
import { defineFeature } from '../../areas/feature';
import { tabKind, tabView } from '../../shell/tabs/kinds';
import { AreaPlaceholder } from './AreaPlaceholder';

/** The home tab of an area that is not available yet: what it will do, no sample data. */
export const placeholderTab = tabKind('placeholder', z.object({ area: Area }));

export const feature = defineFeature({
  name: 'placeholder',
  tabs: [tabView(placeholderTab, AreaPlaceholder)],
});
