import { sql, type Expression, type SqlBool } from 'kysely';
import { searchWords, wordLikePattern } from '../../domain/users/search';

/**
 * The search rule (domain/users/search.ts) in SQL: every word of `query` is a substring of the
 * user's folded search text (cc_user.search_text, migration 018): `like '%word%'` per word, the
 * same SQL on both engines (the text and the words are already folded, so SQLite's ASCII case
 * folding in LIKE changes nothing and PostgreSQL's case-sensitive LIKE is right). Undefined when
 * the query has no words (no condition).
 *
 * `column` is the search_text column as the query names it (`u.search_text`, `search_text`).
 */
export function userSearchWhere(column: string, query: string): Expression<SqlBool> | undefined {
  const words = searchWords(query);
  if (words.length === 0) return undefined;
  const ref = sql.ref(column);
  return sql<SqlBool>`(${sql.join(
    words.map((w) => sql`${ref} like ${wordLikePattern(w)} escape '\\'`),
    sql` and `,
  )})`;
}
