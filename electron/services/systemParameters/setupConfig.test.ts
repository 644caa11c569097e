import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type ArgsOf, type TestConsole } from '../testing/harness';

type Model = ArgsOf<'systemParameters', 'saveSetupConfig'>['config'];

/** An imported Setup.config as a Windows editor leaves it: UTF-8 BOM, CRLF, single quotes, a comment. */
const SAMPLE =
  '\ufeff' +
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <!-- ACME -->',
    '  <execute command="Solidus\\ClientSetup.exe" args="/Q /F /C:ClientSetup.ini" hidden="true" />',
    '  <customerName>ACME Corporation</customerName>',
    '  <tenantID>1</tenantID>',
    '  <files>',
    "    <file include='$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*' subDirs='true' outputFolder='Solidus' />",
    '  </files>',
    '</configuration>',
    '',
  ].join('\r\n');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe.each(ENGINES)('Web installation: Setup.config (%s)', (engine) => {
  let admin: TestConsole; // host administrator
  let tenantAdmin: TestConsole; // Administrator of the demo tenant (1)
  let nw: TestConsole; // Administrator of Northwind (2)
  let supervisor: TestConsole; // System read
  let db: Awaited<ReturnType<typeof seededDb>>;

  beforeAll(async () => {
    db = await seededDb(engine);
    [admin, tenantAdmin, nw, supervisor] = await Promise.all([
      startConsole(db),
      startConsole(db),
      startConsole(db),
      startConsole(db),
    ]);
    await Promise.all([
      signIn(admin, 'admin', DEMO_ACCOUNTS.hostAdmin.password),
      signIn(tenantAdmin, 'expiring', DEMO_ACCOUNTS.expiring.password),
      signIn(nw, 'nwadmin', DEMO_ACCOUNTS.northwindAdmin.password, 2),
      signIn(supervisor, 'supervisor', DEMO_ACCOUNTS.supervisor.password),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([admin?.stop(), tenantAdmin?.stop(), nw?.stop(), supervisor?.stop()]);
  });

  it('migration 022: CustomerID unique without regard to case, in the database itself', async () => {
    const k = admin.core.data.require().kysely;
    const row = (customer_id: string) => ({
      tenant_id: 1,
      customer_id,
      content: '',
      updated_at: 'now',
      updated_by: 'test',
    });
    await k.insertInto('setup_config').values(row('DbCheck')).execute();
    await expect(k.insertInto('setup_config').values(row('DBCHECK')).execute()).rejects.toThrow();
    await k.deleteFrom('setup_config').where('customer_id', '=', 'DbCheck').execute();
  });

  it('a new customer folder gets the default configuration with its tenant; a CustomerID is unique, not case sensitive', async () => {
    const created = await tenantAdmin.call('systemParameters', 'createSetupConfig', { customerId: 'acmecorp' });
    expect(created.error).toBeUndefined();
    expect(created.value).toMatchObject({
      customerId: 'acmecorp',
      tenantId: 1,
      version: 1,
      config: { customerName: 'acmecorp', tenantID: '1', execute: { command: 'Solidus\\ClientSetup.exe' } },
      form: { encoding: 'utf-8', bom: false, eol: '\r\n' },
    });
    const dup = await nw.call('systemParameters', 'createSetupConfig', { customerId: 'ACMECorp' });
    expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'customerId', details: { rule: 'duplicate' } });
    expect(dup.error!.message).toMatch(/not case sensitive/);
    const bad = await tenantAdmin.call('systemParameters', 'createSetupConfig', { customerId: 'acme corp' });
    expect(bad.error).toMatchObject({ code: 'INVALID', field: 'customerId' });
    expect(bad.error!.message).toMatch(/only letters, digits/);
    const del = await tenantAdmin.call('systemParameters', 'deleteSetupConfig', {
      id: created.value!.id,
      expectedVersion: 1,
    });
    expect(del.value).toEqual({ ok: true });
  });

  it('import, one edit, export: the unchanged file comes back byte for byte, the edit changes only that value', async () => {
    const made = await tenantAdmin.call('systemParameters', 'createSetupConfig', {
      customerId: 'roundtrip',
      contentBase64: b64(SAMPLE),
    });
    expect(made.error).toBeUndefined();
    const id = made.value!.id;
    const exported = await supervisor.call('systemParameters', 'exportSetupConfig', { id });
    expect(exported.value).toEqual({ fileName: 'Setup.config', contentBase64: b64(SAMPLE) });

    // Saving the model as read changes nothing in the bytes.
    const same = await tenantAdmin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: 1,
      customerId: 'roundtrip',
      config: made.value!.config,
    });
    expect(same.value!.version).toBe(2);
    expect((await admin.call('systemParameters', 'exportSetupConfig', { id })).value!.contentBase64).toBe(b64(SAMPLE));

    const config: Model = structuredClone(made.value!.config);
    config.customerName = 'ACME & Partners';
    config.files!.push({
      key: null,
      include: '\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini',
      exclude: null,
      subDirs: null,
      outputFolder: 'Solidus',
    });
    const saved = await tenantAdmin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: 2,
      customerId: 'roundtrip',
      config,
    });
    expect(saved.error).toBeUndefined();
    const after = text((await tenantAdmin.call('systemParameters', 'exportSetupConfig', { id })).value!.contentBase64);
    expect(after).toBe(
      SAMPLE.replace('ACME Corporation', 'ACME &amp; Partners').replace(
        "outputFolder='Solidus' />\r\n",
        "outputFolder='Solidus' />\r\n" +
          '    <file include="\\\\ACMESERVER\\SharedFiles\\ClientSetup.ini" outputFolder="Solidus" />\r\n',
      ),
    );

    // Stale: the version the editor loaded is no longer the stored one.
    const stale = await admin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: 2,
      customerId: 'roundtrip',
      config,
    });
    expect(stale.error).toMatchObject({
      code: 'CONFLICT',
      details: { rule: 'stale_version', conflict: { version: 3, updatedBy: 'expiring' } },
    });

    const k = admin.core.data.require().kysely;
    const audit = await k
      .selectFrom('audit_log')
      .select(['action', 'object_name'])
      .where('object_type', '=', 'setup-config')
      .where('object_name', '=', 'roundtrip')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('refuses a DOCTYPE or an entity on import: nothing is stored', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE configuration [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<configuration><customerName>&x;</customerName><tenantID>1</tenantID></configuration>';
    const r = await tenantAdmin.call('systemParameters', 'createSetupConfig', {
      customerId: 'xxe',
      contentBase64: b64(xxe),
    });
    expect(r.error).toMatchObject({ code: 'INVALID', field: 'content', details: { rule: 'setup_config_syntax' } });
    expect(r.error!.message).toMatch(/DOCTYPE is not allowed/);
    expect(r.error!.message).not.toMatch(/root:/);
    const list = (await tenantAdmin.call('systemParameters', 'listSetupConfigs', {})).value!;
    expect(list.map((f) => f.customerId)).not.toContain('xxe');
  });

  it('a save breaking a rule is refused naming the node, and nothing changes; validate lists every problem, stores nothing', async () => {
    const id = (await tenantAdmin.call('systemParameters', 'listSetupConfigs', {})).value!.find(
      (f) => f.customerId === 'roundtrip',
    )!.id;
    const doc = (await tenantAdmin.call('systemParameters', 'getSetupConfig', { id })).value!;
    const config: Model = structuredClone(doc.config);
    config.tenantID = '99';
    config.files![0]!.exclude = '*.pdb';
    config.files![0]!.include = 'https://h/a.zip';
    const check = await supervisor.call('systemParameters', 'validateSetupConfig', {
      id,
      customerId: 'roundtrip',
      config,
    });
    expect(check.value!.problems.map((p) => p.field)).toEqual(['tenantID', 'files.0.exclude', 'files.0.subDirs']);
    const save = await tenantAdmin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: doc.version,
      customerId: 'roundtrip',
      config,
    });
    expect(save.error).toMatchObject({ code: 'INVALID', field: 'tenantID', details: { rule: 'setup_config' } });
    expect(save.error!.message).toMatch(/<tenantID> 99 is not a tenant of this installation/);
    const now = (await tenantAdmin.call('systemParameters', 'getSetupConfig', { id })).value!;
    expect(now.version).toBe(doc.version);
    expect(now.config).toEqual(doc.config);
  });

  it('per tenant: another tenant’s folder is not found; <tenantID> of another tenant only for a host administrator; read-only users cannot change', async () => {
    const mine = (await tenantAdmin.call('systemParameters', 'listSetupConfigs', {})).value!;
    const id = mine.find((f) => f.customerId === 'roundtrip')!.id;
    expect((await nw.call('systemParameters', 'listSetupConfigs', {})).value).toEqual([]);
    expect((await nw.call('systemParameters', 'getSetupConfig', { id })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await nw.call('systemParameters', 'exportSetupConfig', { id })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await nw.call('systemParameters', 'listSetupConfigs', { tenantId: 1 })).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    const doc = (await tenantAdmin.call('systemParameters', 'getSetupConfig', { id })).value!;
    expect(doc.tenants.map((t) => t.id)).toEqual([1]);
    const other = { ...structuredClone(doc.config), tenantID: '2' };
    const refused = await tenantAdmin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: doc.version,
      customerId: 'roundtrip',
      config: other,
    });
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'tenantID' });
    expect(refused.error!.message).toMatch(/only a host administrator/);
    const byHost = await admin.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: doc.version,
      customerId: 'roundtrip',
      config: other,
    });
    expect(byHost.error).toBeUndefined();
    expect(byHost.value!.config.tenantID).toBe('2');
    const ro = await supervisor.call('systemParameters', 'saveSetupConfig', {
      id,
      expectedVersion: byHost.value!.version,
      customerId: 'roundtrip',
      config: doc.config,
    });
    expect(ro.error).toMatchObject({ code: 'FORBIDDEN' });
  });
});
