import type { Envelope, FieldProblem } from '../../../../electron/contract';
import { useDbTables } from '../../ui/kit/dbChanged';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { errorsOf, spKeys, spTables } from './data';

type Errors = Partial<Record<string, string>>;
interface SettingsDoc<S> {
  tenantId: number;
  settings: S;
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

/**
 * A per-tenant System parameters page (useVersionedEditor): the form is the settings themselves
 * or a text form of them; `parse` runs the contract's pure rules, main runs them again.
 */
export function usePageEditor<S, F extends object, D extends SettingsDoc<S>>(o: {
  tabKey: string;
  page: string;
  tenantId: number | null;
  writable: boolean;
  read(): Promise<Envelope<D>>;
  write(settings: S, expectedVersion: number): Promise<Envelope<D>>;
  toForm(s: S): F;
  fromForm(f: F): S | FieldProblem[];
  problems(s: S): FieldProblem[];
}) {
  useDbTables(spTables);
  return useVersionedEditor<D, S, F, Errors>({
    tabKey: o.tabKey,
    queryKey: spKeys.page(o.page, o.tenantId),
    read: o.read,
    write: (s, v) => o.write(s, v),
    valueOf: (d) => d.settings,
    toForm: o.toForm,
    parse: (f) => {
      const s = o.fromForm(f);
      if (Array.isArray(s)) return { ok: false, errors: errorsOf(s) };
      const problems = o.problems(s);
      return problems.length ? { ok: false, errors: errorsOf(problems) } : { ok: true, value: s };
    },
    isDirty: (f, saved) => {
      const s = o.fromForm(f);
      return Array.isArray(s) || JSON.stringify(s) !== JSON.stringify(saved);
    },
    writable: o.writable,
    placement: () => ({ prefixes: ['settings'] }),
  });
}

export const fieldProps = (errors: Errors, field: string) =>
  errors[field] ? { validationState: 'error' as const, validationMessage: errors[field] } : {};
