import { service } from '../define';

/** Object tags, their assignments to objects, dialed numbers and the script Lookup (issue 4). */
export const objectTagsService = service({
  methods: {},
  events: {},
});
