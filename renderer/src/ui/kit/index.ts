export { confirm, ConfirmHost } from './confirm';
export { useCommand, CommandError } from './mutation';
export { serverErrors, fieldError, errorShapeOf } from './serverErrors';
export { HelpLink, HelpHost } from './HelpLink';
export { useDbTables, type DbTables } from './dbChanged';
export { useObjectPageSections, useObjectGridColumns } from './objectExtensions';
