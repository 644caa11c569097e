/**
 * CSV as spreadsheets write it (RFC 4180): comma separated, fields quoted with "…" when they
 * hold a comma, quote, CR or LF, quotes doubled inside. Reading accepts a UTF-8 byte-order
 * mark, CRLF / LF / CR line ends, and newlines inside quoted fields. Pure: no Node, no DOM.
 */

/** One parsed record with the 1-based line of the file it starts on (for error reports). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParse {
  const steps = parseSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseCsv for a long file on main: `pause` is awaited after every 64 Ki characters, so a caller's event loop
 * turns while a 50,000-row file is read (parsing 2.4 MB at once held it for a few hundred milliseconds).
 */
export async function parseCsvYielding(text: string, pause: () => Promise<void>): Promise<CsvParse> {
  const steps = parseSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

const CHARS_PER_STEP = 65_536;

function* parseSteps(text: string): Generator<void, CsvParse> {
  let s = text;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (text after its closing quote is an error)
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty field) is skipped, as spreadsheets leave them at the end.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  let nextStep = CHARS_PER_STEP;
  while (i < s.length) {
    if (i >= nextStep) {
      nextStep = i + CHARS_PER_STEP;
      yield;
    }
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // a newline inside quotes belongs to the field; CRLF is kept as one LF
        field += '\n';
        line++;
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted)
        return {
          ok: false,
          line,
          message: 'a quote inside an unquoted field (quote the whole field and double the quote)',
        };
      quoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (wasQuoted) return { ok: false, line, message: 'text after a closing quote' };
    field += c;
    i++;
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is not closed' };
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return { ok: true, records };
}

function quote(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: prefix a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d\s]*$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends and a UTF-8 BOM (Excel then reads the accents right). */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  return '\ufeff' + rows.map((r) => r.map((v) => quote(v === null ? '' : String(v))).join(',')).join('\r\n') + '\r\n';
}
