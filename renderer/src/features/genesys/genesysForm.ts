import {
  DEFAULT_GENESYS_REGION,
  GenesysAdminPassword,
  GenesysConfigInput,
  type GenesysConfigDoc,
} from '../../../../electron/contract';
import type { VersionedEditor } from '../../ui/kit/useVersionedEditor';

/** The form of the Configuration and Synchronization Options tabs (one versioned document). */
export interface GenesysForm {
  enabled: boolean;
  adminEmail: string;
  orgShortName: string;
  region: string;
  syncUsers: boolean;
  syncAdvanced: boolean;
  browserClientApps: string[];
  dialGroups: string[];
  /** '' = unchanged (the stored one is kept). */
  password: string;
}
export interface GenesysValue {
  config: GenesysConfigInput;
  password: string;
}
export type GenesysFormErrors = Partial<
  Record<keyof GenesysForm | `browserClientApps.${number}` | `dialGroups.${number}`, string>
>;

export const BLANK_DOC: GenesysConfigDoc = {
  config: {
    enabled: false,
    adminEmail: '',
    orgShortName: '',
    region: DEFAULT_GENESYS_REGION,
    syncUsers: true,
    syncAdvanced: false,
    browserClientApps: [],
    dialGroups: [],
  },
  version: 0,
  passwordSet: false,
  provisioned: null,
  updatedAt: '',
  updatedBy: '',
};

export const valueOf = (d: GenesysConfigDoc): GenesysValue => ({ config: d.config, password: '' });
export const toForm = (v: GenesysValue): GenesysForm => ({ ...v.config, password: v.password });

export function parseForm(
  f: GenesysForm,
): { ok: true; value: GenesysValue } | { ok: false; errors: GenesysFormErrors } {
  const { password, ...config } = f;
  const errors: GenesysFormErrors = {};
  const res = GenesysConfigInput.safeParse(config);
  if (!res.success)
    for (const i of res.error.issues) {
      const key = i.path.join('.') as keyof GenesysFormErrors;
      if (key && !errors[key]) errors[key] = i.message;
    }
  if (password) {
    const p = GenesysAdminPassword.safeParse(password);
    if (!p.success) errors.password = p.error.issues[0]!.message;
  }
  if (Object.keys(errors).length > 0 || !res.success) return { ok: false, errors };
  return { ok: true, value: { config: res.data, password } };
}

export function isDirty(f: GenesysForm, saved: GenesysValue): boolean {
  if (f.password) return true;
  const { password: _p, ...config } = f;
  const a = GenesysConfigInput.safeParse(config);
  if (!a.success) return true;
  return JSON.stringify(a.data) !== JSON.stringify(GenesysConfigInput.parse(saved.config));
}

export type GenesysEditor = VersionedEditor<GenesysConfigDoc, GenesysValue, GenesysForm, GenesysFormErrors, never>;

/** Dial Groups tab: Add appends the chosen available names (in list order, none twice, ignoring case). */
export function addDialGroups(selection: readonly string[], names: readonly string[]): string[] {
  const have = new Set(selection.map((n) => n.toLowerCase()));
  const out = [...selection];
  for (const n of names)
    if (!have.has(n.toLowerCase())) {
      have.add(n.toLowerCase());
      out.push(n);
    }
  return out;
}

/** Dial Groups tab: Remove drops the chosen selected names, keeping the order of the others. */
export function removeDialGroups(selection: readonly string[], names: readonly string[]): string[] {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return selection.filter((n) => !drop.has(n.toLowerCase()));
}
