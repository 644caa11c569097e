import { MAPPED_FIELDS, UserSyncSettings, type MappedField, type UserSyncConfig } from '../../../../electron/contract';
import { baseLogonId, checkLogonIdOptions } from '../../../../electron/shared/logonIdGeneration';

/** The working copy of the User Synchronization tab: numbers and attribute lists as typed; secrets '' = keep. */
export interface UserSyncForm {
  type: UserSyncSettings['type'];
  adHost: string;
  adPort: string;
  adUser: string;
  adSecurity: UserSyncSettings['ad']['security'];
  adBaseDn: string;
  adDomain: string;
  password: string;
  azTenantId: string;
  azClientId: string;
  azLoginBaseUrl: string;
  azGraphBaseUrl: string;
  clientSecret: string;
  userGroup: string;
  order: UserSyncSettings['logonId']['order'];
  firstChars: string;
  lastChars: string;
  neverDelete: boolean;
  allowManualDelete: boolean;
  /** Per field: attributes comma-separated, and when. */
  mapping: Record<MappedField, { attributes: string; when: 'add' | 'always' }>;
  scheduleEnabled: boolean;
  scheduleTime: string;
  /** UserSync.csv: '' = the console's logs folder, else one of the allowed log folders; the file name. */
  csvFolder: string;
  csvFileName: string;
}
export type UserSyncValue = { settings: UserSyncSettings; password?: string; clientSecret?: string };
export type UserSyncErrors = Partial<Record<string, string>>;

export const valueOf = (c: UserSyncConfig): UserSyncValue => {
  const {
    tenantId: _t,
    version: _v,
    passwordSet: _p,
    secretSet: _s,
    updatedAt: _a,
    updatedBy: _b,
    csvPath: _c,
    csvFolders: _f,
    localDomain: _l,
    ...settings
  } = c;
  return { settings };
};

export function toForm(v: UserSyncValue): UserSyncForm {
  const s = v.settings;
  return {
    type: s.type,
    adHost: s.ad.host,
    adPort: String(s.ad.port),
    adUser: s.ad.userName,
    adSecurity: s.ad.security,
    adBaseDn: s.ad.baseDn,
    adDomain: s.ad.domain,
    password: v.password ?? '',
    azTenantId: s.azure.tenantId,
    azClientId: s.azure.clientId,
    azLoginBaseUrl: s.azure.loginBaseUrl,
    azGraphBaseUrl: s.azure.graphBaseUrl,
    clientSecret: v.clientSecret ?? '',
    userGroup: s.userGroup,
    order: s.logonId.order,
    firstChars: String(s.logonId.firstChars),
    lastChars: String(s.logonId.lastChars),
    neverDelete: s.neverDelete,
    allowManualDelete: s.allowManualDelete,
    mapping: Object.fromEntries(
      MAPPED_FIELDS.map((f) => [f, { attributes: s.mapping[f].attributes.join(', '), when: s.mapping[f].when }]),
    ) as UserSyncForm['mapping'],
    scheduleEnabled: s.schedule.enabled,
    scheduleTime: s.schedule.time,
    csvFolder: s.csv.folder,
    csvFileName: s.csv.fileName,
  };
}

const num = (t: string) => (/^\s*\d+\s*$/.test(t) ? Number(t) : Number.NaN);
/** Contract path → form key, for the schema's and main's messages. */
const PATH_TO_FORM: Record<string, keyof UserSyncForm | `mapping.${MappedField}`> = {
  'settings.ad.host': 'adHost',
  'settings.ad.port': 'adPort',
  'settings.ad.userName': 'adUser',
  'settings.ad.baseDn': 'adBaseDn',
  'settings.ad.domain': 'adDomain',
  'settings.csv.folder': 'csvFolder',
  'settings.csv.fileName': 'csvFileName',
  'settings.azure.tenantId': 'azTenantId',
  'settings.azure.clientId': 'azClientId',
  'settings.azure.loginBaseUrl': 'azLoginBaseUrl',
  'settings.azure.graphBaseUrl': 'azGraphBaseUrl',
  'settings.userGroup': 'userGroup',
  'settings.logonId.firstChars': 'firstChars',
  'settings.logonId.lastChars': 'lastChars',
  'settings.schedule.time': 'scheduleTime',
  password: 'password',
  clientSecret: 'clientSecret',
};
/** Form key → the contract path main names in its errors. */
export const pathOfFormKey = (key: string): string =>
  Object.entries(PATH_TO_FORM).find(([, k]) => k === key)?.[0] ??
  (key.startsWith('mapping.') ? `settings.${key}` : key);
export const formKeyOf = (path: string): string => {
  const direct = PATH_TO_FORM[path];
  if (direct) return direct;
  const m = /^settings\.mapping\.(\w+)/.exec(path);
  return m ? `mapping.${m[1]}` : path;
};

export function parse(f: UserSyncForm): { ok: true; value: UserSyncValue } | { ok: false; errors: UserSyncErrors } {
  const candidate = {
    type: f.type,
    ad: {
      host: f.adHost,
      port: num(f.adPort),
      userName: f.adUser,
      security: f.adSecurity,
      baseDn: f.adBaseDn,
      domain: f.adDomain,
    },
    azure: {
      tenantId: f.azTenantId,
      clientId: f.azClientId,
      loginBaseUrl: f.azLoginBaseUrl,
      graphBaseUrl: f.azGraphBaseUrl,
    },
    userGroup: f.userGroup,
    logonId: { order: f.order, firstChars: num(f.firstChars), lastChars: num(f.lastChars) },
    neverDelete: f.neverDelete,
    allowManualDelete: f.allowManualDelete,
    mapping: Object.fromEntries(
      MAPPED_FIELDS.map((k) => [
        k,
        {
          attributes: f.mapping[k].attributes
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean),
          when: f.mapping[k].when,
        },
      ]),
    ),
    schedule: { enabled: f.scheduleEnabled, time: f.scheduleTime },
    csv: { folder: f.csvFolder, fileName: f.csvFileName },
  };
  const errors: UserSyncErrors = {};
  const r = UserSyncSettings.safeParse(candidate);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = formKeyOf(['settings', ...issue.path].join('.'));
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const combined = checkLogonIdOptions(r.data.logonId);
  if (combined) return { ok: false, errors: { lastChars: combined } };
  if (r.data.type !== 'none' && !r.data.userGroup)
    return { ok: false, errors: { userGroup: 'User Group is required' } };
  return {
    ok: true,
    value: {
      settings: r.data,
      ...(f.password ? { password: f.password } : {}),
      ...(f.clientSecret ? { clientSecret: f.clientSecret } : {}),
    },
  };
}

export const isDirty = (f: UserSyncForm, saved: UserSyncValue) => JSON.stringify(f) !== JSON.stringify(toForm(saved));

/** The live example beside the Logon ID fields: Karen Sharp as the manual's examples. */
export function logonIdExample(f: Pick<UserSyncForm, 'order' | 'firstChars' | 'lastChars'>): string {
  const o = { order: f.order, firstChars: num(f.firstChars), lastChars: num(f.lastChars) };
  if (checkLogonIdOptions(o)) return '—';
  return baseLogonId('Karen', 'Sharp', o) ?? '—';
}
