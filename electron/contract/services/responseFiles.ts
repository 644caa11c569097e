import { service } from '../define';

/** Response files for e-mail, chat and SMS service groups (issue 6). */
export const responseFilesService = service({
  methods: {},
  events: {},
});
