import type { DbTables } from '../../ui/kit/dbChanged';
import type { FieldProblem } from '../../../../electron/contract';

export const spKeys = {
  all: ['systemParameters'] as const,
  page: (page: string, tenantId: number | null) => ['systemParameters', page, tenantId] as const,
};

/** Saves in other consoles arrive as db.changed on system_parameter. */
export const spTables: DbTables = { tables: ['system_parameter'], keys: [spKeys.all] };

/** The installation's own pages (certificate, cloud credentials, web server): system_node. */
export const nodeTables: DbTables = { tables: ['system_node'], keys: [spKeys.all] };

/** The pure rules' problems as the editor's errors (first message per field). */
export function errorsOf(problems: readonly FieldProblem[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}

/** "" → null, a whole number → it, anything else → NaN (the rule then names the field). */
export function intOrNull(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}
