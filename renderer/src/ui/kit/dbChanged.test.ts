import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../data/keys';
import { dbChangedTargets, registerDbTables } from './dbChanged';

const change = (table: string) => ({ table, tenantId: 1, rowId: '1' });

describe('the one db.changed subscription', () => {
  it('refreshes the keys each feature declared for the changed tables, and the core keys', () => {
    const offA = registerDbTables({ tables: ['service_group', 'skill'], keys: [['dispatch']] });
    const offB = registerDbTables({ tables: ['trace_settings'], keys: [['trace']] });
    try {
      const { keys } = dbChangedTargets([change('skill')], 0);
      expect(keys).toContainEqual(['dispatch']);
      expect(keys).not.toContainEqual(['trace']);
      expect(keys).toContainEqual(queryKeys.audit); // every change is audited
      expect(dbChangedTargets([change('cc_user')], 0).keys).toEqual(
        expect.arrayContaining([queryKeys.users, queryKeys.auth]),
      );
      expect(dbChangedTargets([change('cc_user')], 0).keys).not.toContainEqual(['dispatch']);
    } finally {
      offA();
      offB();
    }
  });

  it('refreshes everything registered when the bus dropped items (the tables are unknown)', () => {
    let runs = 0;
    const offA = registerDbTables({ tables: ['alarm'], keys: [['alarms']] });
    const offB = registerDbTables({ tables: ['alarm'], run: () => runs++ });
    try {
      const { keys, runs: callbacks } = dbChangedTargets([], 3);
      expect(keys).toEqual(
        expect.arrayContaining([['alarms'], queryKeys.auth, queryKeys.tenants, queryKeys.users, queryKeys.audit]),
      );
      callbacks.forEach((run) => run());
      expect(runs).toBe(1);
    } finally {
      offA();
      offB();
    }
  });

  it('stops refreshing a registration once it is removed, independently of an equal one', () => {
    const entry = { tables: ['response_file'], keys: [['responseFiles']] };
    const off1 = registerDbTables(entry);
    const off2 = registerDbTables(entry);
    off1();
    expect(dbChangedTargets([change('response_file')], 0).keys).toContainEqual(['responseFiles']);
    off2();
    expect(dbChangedTargets([change('response_file')], 0).keys).not.toContainEqual(['responseFiles']);
  });
});
