import { z } from 'zod';
import { NO_PARAMS, tabKind, type ParamsOf } from '../../shell/tabs/kinds';
import { openTab } from '../../shell/tabs/openTab';

/** The area's home tab (the stored response files). */
export const responseFilesHomeTab = tabKind('responseFiles', NO_PARAMS);
/** The editor of one stored response file. */
export const responseFileTab = tabKind('responseFiles.file', z.object({ fileId: z.number().int().positive() }));
export type ResponseFileTabParams = ParamsOf<typeof responseFileTab>;

/** Opens (or focuses) the response file editor for one stored response file. */
export function openResponseFileTab(fileId: number, name: string): void {
  openTab(responseFileTab, { fileId }, { key: `responseFiles.file.${fileId}`, title: name, area: 'responseFiles' });
}
