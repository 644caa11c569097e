/**
 * One CSV cell: quoted, quotes doubled. A cell that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR) gets a leading apostrophe — the audit log holds text users typed.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',');
