/**
 * Search as people type it: "Karen Khan", "khan karen", "muller" for "Müller". The query is
 * split into words at white space; a user matches when EVERY word is found (as a substring,
 * any order) in one of the user's first name, last name, Logon ID, External Logon ID or
 * Directory Number, ignoring case and accents.
 *
 * Both sides go through `searchFold`: Unicode NFKD (accents become separate combining marks,
 * full-width letters plain ones), the combining marks removed, lower case, and the few Latin
 * letters that have no decomposition spelled as their base letters (ß → ss, ø → o, ł → l …).
 * The engines' own lower()/unaccent() differ (SQLite's lower() folds ASCII only, unaccent is a
 * PostgreSQL extension), so the folded text is computed here and stored with the user
 * (cc_user.search_text, migration 018): the query is then one substring test per word on one
 * column, the same on both engines.
 */

const MARKS = /\p{M}+/gu;
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
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/** Case- and accent-free form of a text, for matching only (never shown). */
export function searchFold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c]!)
    .toLowerCase();
}

/**
 * The words of a search box's text, folded; empty words dropped, duplicates and words contained
 * in another word dropped (they cannot change the result), at most 8 (a pasted paragraph does
 * not become 50 scans).
 */
export function searchWords(query: string): string[] {
  const words = [...new Set(searchFold(query).split(/\s+/u).filter(Boolean))];
  const kept = words.filter((w, i) => !words.some((o, j) => j !== i && o.length > w.length && o.includes(w)));
  return kept.slice(0, 8);
}

/** The fields a user is found by, in the order they are stored. */
export interface SearchableUser {
  first_name: string;
  last_name: string;
  logon_id: string;
  external_logon_id?: string | null;
  directory_number?: string | null;
}

/**
 * cc_user.search_text of a user. The fields are joined by a line feed: a search word never
 * contains white space, so a word cannot match across two fields.
 */
export function userSearchText(u: SearchableUser): string {
  return [u.first_name, u.last_name, u.logon_id, u.external_logon_id ?? '', u.directory_number ?? '']
    .map(searchFold)
    .join('\n');
}

/** Does the folded text match every word (the rule the SQL applies, for lists filtered in code)? */
export function matchesWords(folded: string, words: readonly string[]): boolean {
  return words.every((w) => folded.includes(w));
}

/** A LIKE pattern for one folded word: `%word%` with \ % _ escaped (use with escape '\'). */
export function wordLikePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
