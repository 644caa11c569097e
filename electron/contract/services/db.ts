import { z } from 'zod';
import { service } from '../define';

export const DbChange = z.object({
  table: z.string(),
  tenantId: z.number().int().nullable(),
  rowId: z.string().nullable(),
});
export type DbChange = z.infer<typeof DbChange>;

/** Changes made by other consoles on the same database (and by this one), so caches refresh. */
export const dbService = service({ methods: {}, events: { changed: DbChange } });
