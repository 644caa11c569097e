import { tabsStore } from '../../shell/tabs/store';

/** Opens (or focuses) the response file editor for one stored response file (issue 6). */
export function openResponseFileTab(fileId: number, name: string): void {
  tabsStore
    .getState()
    .open({
      key: `responseFiles.file.${fileId}`,
      title: name,
      kind: 'responseFiles.file',
      params: { fileId: String(fileId) },
      area: 'responseFiles',
    });
}
