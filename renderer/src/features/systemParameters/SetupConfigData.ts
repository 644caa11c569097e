import type { DbTables } from '../../ui/kit/dbChanged';

/** Web installation queries; saves in other consoles arrive as db.changed on setup_config. */
export const setupKeys = {
  all: ['systemParameters', 'setupConfig'] as const,
  list: (tenantId: number | null) => ['systemParameters', 'setupConfig', 'list', tenantId] as const,
  one: (id: number) => ['systemParameters', 'setupConfig', 'one', id] as const,
};
export const setupTables: DbTables = { tables: ['setup_config'], keys: [setupKeys.all] };

/** A file's bytes as base64 (no Buffer in the renderer). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The largest Setup.config the console takes (main refuses larger ones too). */
export const SETUP_MAX_BYTES = 1024 * 1024;
