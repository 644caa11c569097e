export { confirm, cancelAllConfirms, ConfirmHost, type ConfirmOptions } from './confirm';
export { useCommand, CommandError, type Command, type CommandOptions } from './mutation';
