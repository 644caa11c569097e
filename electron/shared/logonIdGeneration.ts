/**
 * Logon ID generation for users created by synchronization (USER SYNCHRONIZATION → Logon ID Generation).
 *
 * - Up to `firstChars` characters of the first name and up to `lastChars` of the last name, joined in the
 *   configured order, lower case. `firstChars + lastChars` is at most 20 (the combined maximum), each at least 1.
 * - On a clash with an existing Logon ID 1, 2, … is appended until unique: sharpka, sharpka1, sharpka2. The caller's
 *   `taken` compares as the console compares Logon IDs (domain/users/logonKey.ts `identityKey`, NFKC + lower case),
 *   so the ID is unique ignoring case within the tenant.
 *
 * Non-ASCII letters (decision): Latin letters are TRANSLITERATED to ASCII, so the generated ID can be typed on any
 * keyboard and used by systems that only take ASCII: diacritics are removed (ü → u, ë → e, é → e), and letters
 * that have no decomposition get their usual spelling (ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ → d, þ → th).
 * Everything that is not a letter or a digit (apostrophes, hyphens, spaces, dots) is dropped. Letters of other
 * scripts (Cyrillic, Greek, CJK …) have no single agreed transliteration and are kept as they are, lower-cased:
 * a Logon ID may hold them. "Jürgen Müßig" → jumussig (First/Last, 2/18); "Zoë O'Brien-Smith" → obriensmithzo
 * (Last/First, 18/2). A name that leaves nothing (no letter or digit in either name) cannot give a Logon ID: an
 * error for that user.
 */
export type LogonIdOrder = 'lastFirst' | 'firstLast';
export interface LogonIdOptions {
  order: LogonIdOrder;
  firstChars: number;
  lastChars: number;
}

export const LOGON_ID_COMBINED_MAX = 20;
/** The console's Logon ID limit (users contract): suffixes never make an ID longer. */
const LOGON_ID_MAX = 50;

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

/** A name as it enters a Logon ID: transliterated, lower case, letters and digits only. */
export function logonIdPart(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) {
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    // Decompose and drop the combining marks (U+0300–U+036F and the other Mn marks).
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    for (const c of base) if (/[\p{L}\p{N}]/u.test(c)) out += c.toLowerCase();
  }
  return out;
}

export function checkLogonIdOptions(o: LogonIdOptions): string | null {
  if (!Number.isInteger(o.firstChars) || o.firstChars < 1) return 'First name characters: at least 1';
  if (!Number.isInteger(o.lastChars) || o.lastChars < 1) return 'Last name characters: at least 1';
  if (o.firstChars + o.lastChars > LOGON_ID_COMBINED_MAX)
    return `First + last name characters: at most ${LOGON_ID_COMBINED_MAX} together`;
  return null;
}

/** The Logon ID before the clash suffix, or null when neither name has a letter or digit. */
export function baseLogonId(firstName: string, lastName: string, o: LogonIdOptions): string | null {
  const first = [...logonIdPart(firstName)].slice(0, o.firstChars).join('');
  const last = [...logonIdPart(lastName)].slice(0, o.lastChars).join('');
  const id = o.order === 'firstLast' ? first + last : last + first;
  return id === '' ? null : id;
}

/**
 * The unique Logon ID for a new user; `taken(id)` answers whether the ID is already used in the tenant, ignoring
 * case (by a user, deleted or not, or by one generated earlier in the same run). Null when no ID can be made.
 */
export function generateLogonId(
  firstName: string,
  lastName: string,
  o: LogonIdOptions,
  taken: (id: string) => boolean,
): string | null {
  const base = baseLogonId(firstName, lastName, o);
  if (base === null) return null;
  if (!taken(base)) return base;
  for (let n = 1; n < 1_000_000; n++) {
    const id = `${base}${n}`;
    if (id.length > LOGON_ID_MAX) return null;
    if (!taken(id)) return id;
  }
  return null;
}
