import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { removeTagAssignmentsOf } from './cleanup';

const ALLOW_NONE = { serviceAccess: false, serviceGroup: false, agent: false, dialedNumber: false };
const ALLOW_ALL = { serviceAccess: true, serviceGroup: true, agent: true, dialedNumber: true };

// Object tags (seed 001, OBJECT TAGS) through the real router and services, on a real SQLite
// file and a real PostgreSQL database: every rule and every refusal.
describe.each(ENGINES)('object tags on %s', (engine) => {
  let c: TestConsole;
  const db = () => c.core.data.require().kysely;
  const ids = {
    salesVoice: 0,
    personal: 0,
    salesLine: 0,
    agent1: 0,
    agent2: 0,
    nwAgent: 0,
    nwTag: 0,
    scheduler: 0,
    message: 0,
  };

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 5));
    const k = c.core.data;
    await c.core.ready;
    const kk = k.require().kysely;
    const sg = await kk.selectFrom('service_group').select(['id', 'name']).where('tenant_id', '=', 1).execute();
    ids.salesVoice = sg.find((r) => r.name === 'Sales Voice')!.id;
    ids.personal = sg.find((r) => r.name === 'Personal Calls')!.id;
    ids.salesLine = (
      await kk.selectFrom('service_access').select('id').where('name', '=', 'Sales line').executeTakeFirstOrThrow()
    ).id;
    const agents = await kk
      .selectFrom('cc_user')
      .select('id')
      .where('tenant_id', '=', 1)
      .where('logon_id', 'in', ['kasharp', 'lesharp'])
      .orderBy('logon_id')
      .execute();
    [ids.agent1, ids.agent2] = agents.map((a) => a.id) as [number, number];
    ids.nwAgent = (
      await kk.selectFrom('cc_user').select('id').where('tenant_id', '=', 2).limit(1).executeTakeFirstOrThrow()
    ).id;
    ids.nwTag = (
      await kk
        .insertInto('object_tag')
        .values({
          tenant_id: 2,
          name: 'Northwind only',
          type: 1,
          sa_enabled: 1,
          sg_enabled: 1,
          agent_enabled: 1,
          dialednumber_enabled: 1,
          updated_at: 'x',
          updated_by: 'x',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.scheduler = (
      await kk
        .selectFrom('scheduler')
        .select('id')
        .where('tenant_id', '=', 1)
        .where('name', '=', 'Weekend')
        .executeTakeFirstOrThrow()
    ).id;
    ids.message = (
      await kk
        .selectFrom('play_message')
        .select('id')
        .where('tenant_id', '=', 1)
        .where('name', '=', 'Closed')
        .executeTakeFirstOrThrow()
    ).id;
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });
  afterAll(async () => c.stop());

  const create = (name: string, type: string, allow: Partial<typeof ALLOW_ALL> = {}) =>
    c.call('objectTags', 'create', { name, type: type as never, allow: { ...ALLOW_NONE, ...allow } });
  const tagRow = async (name: string, type?: string) =>
    (
      (await c.call('objectTags', 'list')).value.tags as Array<{
        name: string;
        type: string;
        id: number;
        version: number;
      }>
    ).find((t) => t.name === name && (!type || t.type === type))!;

  it('lists the demo tags with type, Allow flags and assignment counts', async () => {
    const { tags, max } = (await c.call('objectTags', 'list')).value;
    expect(max).toBe(50);
    expect(tags.map((t: { name: string }) => t.name)).toEqual([
      'Escalation agent',
      'Overflow group',
      'Priority',
      'Region',
      'Welcome message',
    ]);
    expect(tags.find((t: { name: string }) => t.name === 'Region')).toMatchObject({
      type: 'text',
      typeCode: 1,
      allow: ALLOW_ALL,
      assigned: { serviceAccess: 1, serviceGroup: 0, agent: 1, dialedNumber: 1 },
    });
    expect(tags.find((t: { name: string }) => t.name === 'Welcome message')).toMatchObject({
      type: 'playMessage',
      typeCode: 6,
      assigned: { serviceAccess: 1 },
    });
  });

  it('stores the seed’s codes exactly: a script reading the tables finds what the UI shows', async () => {
    const created = await create('Backup agent', 'agent', { serviceGroup: true });
    expect(created.value).toMatchObject({
      name: 'Backup agent',
      type: 'agent',
      typeCode: 5,
      version: 1,
      allow: { ...ALLOW_NONE, serviceGroup: true },
    });
    const raw = await db()
      .selectFrom('object_tag')
      .selectAll()
      .where('id', '=', created.value.id)
      .executeTakeFirstOrThrow();
    expect(raw).toMatchObject({
      tenant_id: 1,
      name: 'Backup agent',
      type: 5,
      sa_enabled: 0,
      sg_enabled: 1,
      agent_enabled: 0,
      dialednumber_enabled: 0,
    });

    const assigned = await c.call('objectTags', 'assign', {
      tagId: created.value.id,
      objectType: 'serviceGroup',
      objectId: ids.salesVoice,
      value: ids.agent1,
    });
    expect(assigned.value).toMatchObject({
      objectType: 'serviceGroup',
      objectId: ids.salesVoice,
      objectName: 'Sales Voice',
      value: String(ids.agent1),
      valueLabel: 'Karen Sharp (kasharp)',
    });
    const mapping = await db()
      .selectFrom('object_tag_mapping')
      .selectAll()
      .where('object_tag_id', '=', created.value.id)
      .execute();
    expect(mapping).toEqual([
      {
        object_tag_id: created.value.id,
        object_type: 0x0200,
        object_id: ids.salesVoice,
        object_tag_value: String(ids.agent1),
      },
    ]);

    const look = (await c.call('objectTags', 'lookup', { objectType: 'serviceGroup', objectId: ids.salesVoice })).value;
    expect(look.objectTypeCode).toBe(0x0200);
    expect(look.rows).toEqual([
      {
        objectTagId: expect.any(Number),
        name: 'Backup agent',
        type: 'agent',
        typeCode: 5,
        objectType: 'serviceGroup',
        objectTypeCode: 512,
        objectId: ids.salesVoice,
        objectTagValue: String(ids.agent1),
        valueLabel: 'Karen Sharp (kasharp)',
      },
      {
        objectTagId: expect.any(Number),
        name: 'Escalation agent',
        type: 'agent',
        typeCode: 5,
        objectType: 'serviceGroup',
        objectTypeCode: 512,
        objectId: ids.salesVoice,
        objectTagValue: expect.any(String),
        valueLabel: 'Sam Supervisor (supervisor)',
      },
    ]);
    // the other codes, through the demo's and new assignments
    const dn = (await c.call('objectTags', 'addDialedNumber', { number: '+1 613 555 0142' })).value;
    const region = await tagRow('Region', 'text');
    await c.call('objectTags', 'assign', {
      tagId: region.id,
      objectType: 'dialedNumber',
      objectId: dn.id,
      value: 'EMEA',
    });
    await c.call('objectTags', 'assign', {
      tagId: region.id,
      objectType: 'agent',
      objectId: ids.agent2,
      value: 'APAC',
    });
    const codes = await db()
      .selectFrom('object_tag_mapping')
      .select(['object_type', 'object_id'])
      .where('object_tag_id', '=', region.id)
      .execute();
    expect(codes).toEqual(
      expect.arrayContaining([
        { object_type: 0x100000, object_id: dn.id },
        { object_type: 0x1000, object_id: ids.agent2 },
        { object_type: 0x0400, object_id: ids.salesLine },
      ]),
    );
  });

  it('the same tenant cannot have two tags with the same name and type (the field is named)', async () => {
    const dup = await create('Region', 'text', { agent: true });
    expect(dup.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(dup.error!.message).toMatch(
      /already has an object tag named “Region” of type Text; the same name and type cannot be defined twice/,
    );
    // same name, another type is allowed; renaming onto an existing name+type is refused
    const other = await create('Region', 'number', { agent: true });
    expect(other.ok).toBe(true);
    const rename = await c.call('objectTags', 'update', {
      id: other.value.id,
      expectedVersion: 1,
      name: 'Priority',
      type: 'number',
      allow: ALLOW_ALL,
    });
    expect(rename.error).toMatchObject({ code: 'CONFLICT', field: 'name' });
    // a tag of another tenant with the same name does not count
    expect((await create('Northwind only', 'text')).ok).toBe(true);
    // the database refuses it too (unique key of the seed)
    const region = await tagRow('Region', 'text');
    const raw = await db().selectFrom('object_tag').selectAll().where('id', '=', region.id).executeTakeFirstOrThrow();
    await expect(
      db()
        .insertInto('object_tag')
        .values({ ...raw, id: undefined as never })
        .execute(),
    ).rejects.toThrow();
  });

  it('an Allow box cannot be unchecked while objects of that type are assigned: says how many and which', async () => {
    const tag = await tagRow('Backup agent');
    await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: tag.version,
      name: 'Backup agent',
      type: 'agent',
      allow: { ...ALLOW_NONE, serviceGroup: true, agent: true },
    });
    await c.call('objectTags', 'assign', {
      tagId: tag.id,
      objectType: 'serviceGroup',
      objectId: ids.personal,
      value: ids.agent2,
    });
    const now = await tagRow('Backup agent');
    const refused = await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: now.version,
      name: 'Backup agent',
      type: 'agent',
      allow: { ...ALLOW_NONE, agent: true },
    });
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'allow.serviceGroup' });
    expect(refused.error!.message).toBe(
      'Allow Object Tag for service groups cannot be unchecked: “Backup agent” is assigned to 2 service groups (“Sales Voice” and “Personal Calls”). Unassign them first.',
    );
    expect((await tagRow('Backup agent')).version).toBe(now.version); // nothing written
    // unchecking a type with no assignments is fine; the type cannot change while assigned
    const typeChange = await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: now.version,
      name: 'Backup agent',
      type: 'serviceGroup',
      allow: { ...ALLOW_NONE, serviceGroup: true },
    });
    expect(typeChange.error).toMatchObject({ code: 'INVALID', field: 'type' });
    expect(typeChange.error!.message).toMatch(/Type cannot be changed while “Backup agent” is assigned to 2 objects/);
    const agentOff = await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: now.version,
      name: 'Backup agent',
      type: 'agent',
      allow: { ...ALLOW_NONE, serviceGroup: true },
    });
    expect(agentOff.value).toMatchObject({
      version: now.version + 1,
      allow: { ...ALLOW_NONE, serviceGroup: true },
      assigned: { serviceGroup: 2 },
    });
    // after unassigning both, service groups can be unchecked
    for (const id of [ids.salesVoice, ids.personal]) {
      expect(
        (await c.call('objectTags', 'unassign', { tagId: tag.id, objectType: 'serviceGroup', objectId: id })).value,
      ).toEqual({ removed: true });
    }
    const ok = await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: now.version + 1,
      name: 'Backup agent',
      type: 'agent',
      allow: ALLOW_NONE,
    });
    expect(ok.value).toMatchObject({ allow: ALLOW_NONE, assigned: { serviceGroup: 0 } });
    // a stale editor is told so
    const stale = await c.call('objectTags', 'update', {
      id: tag.id,
      expectedVersion: now.version,
      name: 'Backup agent',
      type: 'agent',
      allow: ALLOW_NONE,
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect(stale.error!.message).toMatch(
      /The version you supplied \[\d+\] does not match the current version \[\d+\]: admin changed it/,
    );
  });

  it('the Data field follows the tag type; categories the tag does not allow are refused', async () => {
    const num = (await create('Weight', 'number', { serviceAccess: true })).value;
    const text = (await create('Note', 'text', { serviceAccess: true })).value;
    const sgTag = (await create('Overflow to', 'serviceGroup', { serviceAccess: true })).value;
    const saTag = (await create('Twin access', 'serviceAccess', { serviceAccess: true })).value;
    const sched = (await create('Hours', 'scheduler', { serviceAccess: true })).value;
    const msg = (await create('Announcement', 'playMessage', { serviceAccess: true })).value;
    const agentTag = (await create('Owner', 'agent', { serviceAccess: true })).value;
    const assign = (tagId: number, value: unknown) =>
      c.call('objectTags', 'assign', {
        tagId,
        objectType: 'serviceAccess',
        objectId: ids.salesLine,
        value: value as never,
      });

    expect((await assign(num.id, 'many')).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: expect.stringMatching(/must be a number/),
    });
    expect((await assign(num.id, '')).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: expect.stringMatching(/Data is required/),
    });
    expect((await assign(num.id, 12)).value).toMatchObject({ value: '12', valueLabel: '12' });
    expect((await assign(text.id, 'y'.repeat(101))).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: expect.stringMatching(/at most 100 characters/),
    });
    expect((await assign(text.id, '')).error).toMatchObject({ code: 'INVALID', field: 'value' });
    expect((await assign(text.id, 'y'.repeat(100))).value).toMatchObject({ value: 'y'.repeat(100) });
    // object-valued: the ID of a defined object of the tenant
    expect((await assign(sgTag.id, 'Sales Voice')).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: expect.stringMatching(/must be the ID/),
    });
    expect((await assign(sgTag.id, 999999)).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: 'Data: there is no service group with ID 999999 in this tenant.',
    });
    expect((await assign(sgTag.id, ids.personal)).value).toMatchObject({
      value: String(ids.personal),
      valueLabel: 'Personal Calls',
    });
    expect((await assign(saTag.id, ids.salesLine)).value).toMatchObject({ valueLabel: 'Sales line' });
    expect((await assign(sched.id, ids.scheduler)).value).toMatchObject({ valueLabel: 'Weekend' });
    expect((await assign(msg.id, ids.message)).value).toMatchObject({ valueLabel: 'Closed' });
    expect((await assign(msg.id, ids.scheduler + 1000)).error).toMatchObject({
      field: 'value',
      message: expect.stringMatching(/no play message with ID/),
    });
    // an agent of another tenant is not a defined agent here
    expect((await assign(agentTag.id, ids.nwAgent)).error).toMatchObject({
      code: 'INVALID',
      field: 'value',
      message: expect.stringMatching(/no agent with ID/),
    });
    expect((await assign(agentTag.id, ids.agent1)).value).toMatchObject({ valueLabel: 'Karen Sharp (kasharp)' });
    // a category the tag does not allow
    const notAllowed = await c.call('objectTags', 'assign', {
      tagId: num.id,
      objectType: 'agent',
      objectId: ids.agent1,
      value: 1,
    });
    expect(notAllowed.error).toMatchObject({ code: 'INVALID', field: 'objectType' });
    expect(notAllowed.error!.message).toMatch(
      /“Weight” cannot be assigned to agents: its Allow Object Tag for agents box is unchecked/,
    );
  });

  it('one assignment per (tag, object type, object): assigning again changes the Data', async () => {
    const tag = await tagRow('Weight');
    const again = await c.call('objectTags', 'assign', {
      tagId: tag.id,
      objectType: 'serviceAccess',
      objectId: ids.salesLine,
      value: '13.5',
    });
    expect(again.value).toMatchObject({ value: '13.5' });
    const rows = await db().selectFrom('object_tag_mapping').selectAll().where('object_tag_id', '=', tag.id).execute();
    expect(rows).toEqual([
      { object_tag_id: tag.id, object_type: 0x0400, object_id: ids.salesLine, object_tag_value: '13.5' },
    ]);
    // the database's unique key refuses a second row
    await expect(
      db()
        .insertInto('object_tag_mapping')
        .values({ ...rows[0]!, object_tag_value: '1' })
        .execute(),
    ).rejects.toThrow();
    // the audit records the change with before and after
    const audit = (await c.call('audit', 'query', { objectType: 'object-tag-assignment', limit: 1 })).value.rows[0];
    expect(audit).toMatchObject({ action: 'update', objectName: 'Weight → Sales line' });
    expect(JSON.parse(audit!.before!)).toEqual({ value: '12' });
  });

  it('forObject: every tag enabled for the object type, with this object’s value or null', async () => {
    const rows = (await c.call('objectTags', 'forObject', { objectType: 'agent', objectId: ids.agent1 })).value;
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['Region', 'Region']);
    expect(rows).toEqual(
      expect.arrayContaining([
        { tagId: expect.any(Number), name: 'Region', type: 'text', value: 'EMEA', valueLabel: 'EMEA' },
        { tagId: expect.any(Number), name: 'Region', type: 'number', value: null, valueLabel: null },
      ]),
    );
    const sa = (await c.call('objectTags', 'forObject', { objectType: 'serviceAccess', objectId: ids.salesLine }))
      .value;
    expect(sa.find((r: { name: string }) => r.name === 'Welcome message')).toMatchObject({
      type: 'playMessage',
      valueLabel: 'Welcome',
    });
    expect(sa.find((r: { name: string }) => r.name === 'Hours')).toMatchObject({
      value: String(ids.scheduler),
      valueLabel: 'Weekend',
    });
  });

  it('tenant scoping: another tenant’s objects and tags are not found, and never listed', async () => {
    const foreignObject = await c.call('objectTags', 'assign', {
      tagId: (await tagRow('Region', 'text')).id,
      objectType: 'agent',
      objectId: ids.nwAgent,
      value: 'x',
    });
    expect(foreignObject.error).toMatchObject({ code: 'NOT_FOUND', field: 'objectId' });
    const foreignTag = await c.call('objectTags', 'assign', {
      tagId: ids.nwTag,
      objectType: 'agent',
      objectId: ids.agent1,
      value: 'x',
    });
    expect(foreignTag.error).toMatchObject({ code: 'NOT_FOUND', field: 'tagId' });
    expect(
      (await c.call('objectTags', 'forObject', { objectType: 'agent', objectId: ids.nwAgent })).error,
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await c.call('objectTags', 'lookup', { objectType: 'agent', objectId: ids.nwAgent })).error).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await c.call('objectTags', 'usage', { id: ids.nwTag })).error).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await c.call('objectTags', 'remove', { id: ids.nwTag, expectedVersion: 1, expectedAssignments: 0 })).error,
    ).toMatchObject({ code: 'NOT_FOUND' });
    const found = (await c.call('objectTags', 'searchObjects', { objectType: 'agent', search: 'nwagent' })).value;
    expect(found.rows).toEqual([]);
    const getForeign = await c.call('objectTags', 'getObject', { objectType: 'agent', id: ids.nwAgent });
    expect(getForeign.value).toBeNull();
  });

  it('searchObjects finds agents by Logon ID or name in the database, with a limit', async () => {
    const byName = (await c.call('objectTags', 'searchObjects', { objectType: 'agent', search: 'karen sh' })).value;
    expect(byName.rows).toEqual([{ id: ids.agent1, name: 'Karen Sharp (kasharp)', detail: 'kasharp' }]);
    const some = (await c.call('objectTags', 'searchObjects', { objectType: 'agent', search: '', limit: 2 })).value;
    expect(some.rows).toHaveLength(2);
    expect(some.more).toBe(true);
    const wild = (await c.call('objectTags', 'searchObjects', { objectType: 'agent', search: '%' })).value;
    expect(wild.rows).toEqual([]);
    expect(
      (await c.call('objectTags', 'searchObjects', { objectType: 'scheduler', search: 'week' })).value.rows,
    ).toEqual([{ id: ids.scheduler, name: 'Weekend', detail: null }]);
    expect(
      (await c.call('objectTags', 'searchObjects', { objectType: 'serviceAccess', search: '4000' })).value.rows[0],
    ).toMatchObject({ name: 'Sales line', detail: 'BVD 4000' });
  });

  it('dialed numbers: any characters up to 50, unique in the tenant, committed at once and assignable', async () => {
    const odd = await c.call('objectTags', 'addDialedNumber', { number: '☎ (613) 555-0100 #12' });
    expect(odd.value).toMatchObject({ number: '☎ (613) 555-0100 #12', version: 1, assignments: 0 });
    const long = await c.call('objectTags', 'addDialedNumber', { number: '1'.repeat(51) });
    expect(long.error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'number',
      message: expect.stringMatching(/at most 50 characters/),
    });
    expect((await c.call('objectTags', 'addDialedNumber', { number: '9'.repeat(50) })).ok).toBe(true);
    expect((await c.call('objectTags', 'addDialedNumber', { number: '  ' })).error).toMatchObject({
      code: 'BAD_ARGUMENTS',
      field: 'number',
    });
    const dup = await c.call('objectTags', 'addDialedNumber', { number: '+1 613 555 0100' });
    expect(dup.error).toMatchObject({
      code: 'CONFLICT',
      field: 'number',
      message: expect.stringMatching(
        /already a dialed number of this tenant; dialed numbers must be unique within a tenant/,
      ),
    });
    const renameDup = await c.call('objectTags', 'updateDialedNumber', {
      id: odd.value.id,
      expectedVersion: 1,
      number: '8005550123',
    });
    expect(renameDup.error).toMatchObject({ code: 'CONFLICT', field: 'number' });
    const renamed = await c.call('objectTags', 'updateDialedNumber', {
      id: odd.value.id,
      expectedVersion: 1,
      number: '☎ 0100',
    });
    expect(renamed.value).toMatchObject({ number: '☎ 0100', version: 2 });
    // committed: another reader sees it at once, and it can be tagged straight away
    expect(
      (await db().selectFrom('dialed_number').select('number').where('id', '=', odd.value.id).executeTakeFirstOrThrow())
        .number,
    ).toBe('☎ 0100');
    const region = await tagRow('Region', 'text');
    expect(
      (
        await c.call('objectTags', 'assign', {
          tagId: region.id,
          objectType: 'dialedNumber',
          objectId: odd.value.id,
          value: 'LATAM',
        })
      ).ok,
    ).toBe(true);
    const list = (await c.call('objectTags', 'dialedNumbers')).value;
    expect(list.find((d: { id: number }) => d.id === odd.value.id)).toMatchObject({ assignments: 1 });
    // another tenant's numbers are not this tenant's: the same number is fine there
    await db()
      .insertInto('dialed_number')
      .values({ tenant_id: 2, number: '☎ 0200', updated_at: 'x', updated_by: 'x' })
      .execute();
    expect((await c.call('objectTags', 'addDialedNumber', { number: '☎ 0200' })).ok).toBe(true);
  });

  it('deleting a dialed number shows what goes and removes it all in one transaction', async () => {
    const dn = (await c.call('objectTags', 'dialedNumbers')).value.find(
      (d: { number: string }) => d.number === '☎ 0100',
    );
    const usage = (await c.call('objectTags', 'dialedNumberUsage', { id: dn!.id })).value;
    expect(usage).toEqual({
      total: 1,
      groups: [{ label: 'object tag assignment', count: 1, names: ['Region = LATAM'] }],
    });
    const stale = await c.call('objectTags', 'removeDialedNumber', {
      id: dn!.id,
      expectedVersion: dn!.version,
      expectedAssignments: 0,
    });
    expect(stale.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/now has 1 tag assignments, not the 0 you confirmed/),
    });
    expect(
      await db().selectFrom('dialed_number').select('id').where('id', '=', dn!.id).executeTakeFirst(),
    ).toBeDefined();
    const removed = await c.call('objectTags', 'removeDialedNumber', {
      id: dn!.id,
      expectedVersion: dn!.version,
      expectedAssignments: 1,
    });
    expect(removed.value).toEqual({ removedAssignments: 1 });
    expect(
      await db().selectFrom('dialed_number').select('id').where('id', '=', dn!.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db()
        .selectFrom('object_tag_mapping')
        .select('object_id')
        .where('object_type', '=', 0x100000)
        .where('object_id', '=', dn!.id)
        .execute(),
    ).toEqual([]);
  });

  it('deleting a tag shows what goes (counts and names) and removes it all in one transaction', async () => {
    const region = await tagRow('Region', 'text');
    const usage = (await c.call('objectTags', 'usage', { id: region.id })).value;
    expect(usage.total).toBe(5);
    expect(usage.groups).toEqual([
      { label: 'service access', count: 1, names: ['Sales line'] },
      { label: 'agents', count: 2, names: ['Karen Sharp (kasharp)', 'Lee Sharp (lesharp)'] },
      { label: 'dialed numbers', count: 2, names: expect.arrayContaining(['+1 613 555 0100', '+1 613 555 0142']) },
    ]);
    const stale = await c.call('objectTags', 'remove', {
      id: region.id,
      expectedVersion: region.version,
      expectedAssignments: 4,
    });
    expect(stale.error).toMatchObject({ code: 'CONFLICT' });
    expect(
      await db().selectFrom('object_tag_mapping').select('object_id').where('object_tag_id', '=', region.id).execute(),
    ).toHaveLength(5);
    const removed = await c.call('objectTags', 'remove', {
      id: region.id,
      expectedVersion: region.version,
      expectedAssignments: 5,
    });
    expect(removed.value).toEqual({ removedAssignments: 5 });
    expect(
      await db().selectFrom('object_tag').select('id').where('id', '=', region.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db().selectFrom('object_tag_mapping').select('object_id').where('object_tag_id', '=', region.id).execute(),
    ).toEqual([]);
    const audit = (await c.call('audit', 'query', { objectType: 'object-tag', action: 'delete', limit: 1 })).value
      .rows[0];
    expect(audit).toMatchObject({ objectName: 'Region' });
    expect(JSON.parse(audit!.before!)).toMatchObject({ name: 'Region', type: 'text', assignments: 5 });
  });

  it('an object deleted elsewhere: its assignment shows as deleted and can still be unassigned; removeTagAssignmentsOf cleans up in a transaction', async () => {
    const sg = (name: string) =>
      db()
        .insertInto('service_group')
        .values({
          tenant_id: 1,
          name,
          media_type: 'email',
          routing: 'automatic',
          personal_calls: 0,
          display_in_dispatch: 0,
          max_wait_personal_sec: 0,
          open_rule: 'logged_on',
          response_file_id: null,
          caller_id_id: null,
          agents_may_change_caller_id: 0,
          updated_at: 'x',
          updated_by: 'x',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const tag = await tagRow('Escalation agent');
    const gone = (await sg('Temporary')).id;
    expect(
      (
        await c.call('objectTags', 'assign', {
          tagId: tag.id,
          objectType: 'serviceGroup',
          objectId: gone,
          value: ids.agent1,
        })
      ).ok,
    ).toBe(true);
    await db().deleteFrom('service_group').where('id', '=', gone).execute();
    const rows = (await c.call('objectTags', 'assignments', { tagId: tag.id, objectType: 'serviceGroup' })).value.rows;
    expect(rows.find((r: { objectId: number }) => r.objectId === gone)).toMatchObject({
      objectName: `ID ${gone} (deleted)`,
    });
    expect(
      (await c.call('objectTags', 'unassign', { tagId: tag.id, objectType: 'serviceGroup', objectId: gone })).value,
    ).toEqual({ removed: true });

    const other = (await sg('Another')).id;
    await c.call('objectTags', 'assign', {
      tagId: tag.id,
      objectType: 'serviceGroup',
      objectId: other,
      value: ids.agent2,
    });
    const removed = await db()
      .transaction()
      .execute((tx) => removeTagAssignmentsOf(tx, 1, 'serviceGroup', [other]));
    expect(removed).toBe(1);
    // another tenant's tags are never touched
    expect(
      await db()
        .transaction()
        .execute((tx) => removeTagAssignmentsOf(tx, 2, 'serviceGroup', [ids.salesVoice])),
    ).toBe(0);
  });

  it('at most 50 object tags per tenant', async () => {
    const have = (await c.call('objectTags', 'list')).value.tags.length;
    for (let i = have; i < 48; i++) expect((await create(`Filler ${i}`, 'number')).ok).toBe(true);
    // three creates at once for the last two places: exactly two succeed (the tenant row is locked on PostgreSQL)
    const raced = await Promise.all(['Race A', 'Race B', 'Race C'].map((n) => create(n, 'number')));
    expect(raced.filter((r) => r.ok)).toHaveLength(2);
    expect(raced.filter((r) => !r.ok).map((r) => r.error!.message)).toEqual([
      expect.stringMatching(/up to 50 object tags are permitted per tenant/),
    ]);
    const refused = await create('One too many', 'text');
    expect(refused.error).toMatchObject({ code: 'INVALID', field: 'name' });
    expect(refused.error!.message).toBe(
      'This tenant already has 50 object tags: up to 50 object tags are permitted per tenant. Delete one before creating another.',
    );
    expect((await c.call('objectTags', 'list')).value.tags).toHaveLength(50);
    const filler = await tagRow(`Filler ${have}`);
    await c.call('objectTags', 'remove', { id: filler.id, expectedVersion: filler.version, expectedAssignments: 0 });
    expect((await create('One too many', 'text')).ok).toBe(true);
  });

  it('a user type scoped to agent groups changes only agents of the groups it supervises', async () => {
    const sup = await db()
      .selectFrom('user_type')
      .select(['id', 'permissions'])
      .where('tenant_id', '=', 1)
      .where('name', '=', 'Supervisor')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('user_type')
      .set({ permissions: JSON.stringify({ ...JSON.parse(sup.permissions), objectTags: 'write' }) })
      .where('id', '=', sup.id)
      .execute();
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    const tag = await tagRow('Region', 'number');
    const billing = (
      await db().selectFrom('cc_user').select('id').where('logon_id', '=', 'masharp').executeTakeFirstOrThrow()
    ).id;
    const refused = await c.call('objectTags', 'assign', {
      tagId: tag.id,
      objectType: 'agent',
      objectId: billing,
      value: 3,
    });
    expect(refused.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/agent groups you supervise.*Billing/),
    });
    expect(
      (await c.call('objectTags', 'assign', { tagId: tag.id, objectType: 'agent', objectId: ids.agent1, value: 3 })).ok,
    ).toBe(true);
    await db().updateTable('user_type').set({ permissions: sup.permissions }).where('id', '=', sup.id).execute();
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });

  it('a Supervisor (object tags: read) can look but not change', async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    expect((await c.call('objectTags', 'list')).ok).toBe(true);
    expect((await c.call('objectTags', 'create', { name: 'X', type: 'text', allow: ALLOW_NONE })).error).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await c.call('objectTags', 'addDialedNumber', { number: '1' })).error).toMatchObject({ code: 'FORBIDDEN' });
    await c.call('auth', 'signOut');
  });
});
