export { confirm, cancelAllConfirms, ConfirmHost, type ConfirmOptions } from './confirm';
export { useCommand, CommandError, type Command, type CommandOptions } from './mutation';
export {
  serverErrors,
  fieldError,
  errorShapeOf,
  errorPath,
  errorCode,
  isConflict,
  isStaleSave,
  staleConflict,
  staleSaveText,
  holderOf,
  type ServerErrors,
  type ServerErrorOptions,
} from './serverErrors';
export { HelpLink, HelpHost } from './HelpLink';
export { registerDbTables, useDbTables, handleDbChanged, dbChangedTargets, type DbTables } from './dbChanged';
