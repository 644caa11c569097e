import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { joinMigrations } from './connectors/db/parts';
import { mainDbParts, mainFeatures } from './features';
import type { ServiceDeps } from './services/deps';
import { checkFeatureList, defineFeature, startFeatures, type MainFeature } from './services/feature';

const services = Object.keys(contract);
const noop = { up: async () => {} };

describe('main features list', () => {
  it('names every contract service exactly once, each after the features it needs', () => {
    expect(() => checkFeatureList(mainFeatures, services)).not.toThrow();
    expect(mainFeatures.map((f) => f.name).sort()).toEqual([...services].sort());
  });

  it('keeps every migration name the databases have recorded (011 was never used)', () => {
    const shipped = [
      '001_initial',
      '002_trace_settings',
      '003_users_object_tags',
      '004_dispatch',
      '005_response_files',
      '006_sso',
      '007_alarms',
      '008_users',
      '009_logon_key',
      '010_alarms_state',
      '012_snmp_servers',
    ];
    const names = Object.keys(mainDbParts.migrations);
    expect(names.slice(0, shipped.length)).toEqual(shipped);
    // A new feature's migrations come after them (013 onwards).
    expect(names.slice(shipped.length).every((n) => n > '012_snmp_servers')).toBe(true);
  });

  it('seeds the demo in list order: objectTags, dispatch, responseFiles, sso, alarms (as before the list)', () => {
    const withDemo = mainFeatures.filter((f) => f.demo).map((f) => f.name);
    const before = ['objectTags', 'dispatch', 'responseFiles', 'sso', 'alarms'];
    expect(withDemo.filter((n) => before.includes(n))).toEqual(before);
    expect(mainDbParts.demo).toHaveLength(withDemo.length);
  });
});

describe('checkFeatureList', () => {
  const a = defineFeature({ name: 'app', start: () => ({ impl: {} as never }) });
  const b = defineFeature({ name: 'db', needs: [a], start: () => ({ impl: {} }) });

  it('refuses a missing service', () => {
    expect(() => checkFeatureList([a], ['app', 'db'])).toThrow('No feature implements db.');
  });
  it('refuses a service listed twice', () => {
    expect(() => checkFeatureList([a, b, a], ['app', 'db'])).toThrow('Feature "app" is listed twice.');
  });
  it('refuses a feature listed before one it needs', () => {
    expect(() => checkFeatureList([b, a], ['app', 'db'])).toThrow(
      'Feature "db" needs "app", which must come before it.',
    );
  });
  it('refuses a feature the contract does not have', () => {
    expect(() => checkFeatureList([a, b], ['app'])).toThrow('Features db are not in the contract.');
  });
});

describe('startFeatures', () => {
  const deps = {} as ServiceDeps;

  it('hands a feature the runtime of one it needs, and stops them in reverse order', async () => {
    const stopped: string[] = [];
    const first = defineFeature({
      name: 'app',
      start: () => ({ impl: {} as never, runtime: { answer: 42 }, dispose: () => void stopped.push('app') }),
    });
    let seen = 0;
    const second = defineFeature({
      name: 'db',
      needs: [first],
      start: (_deps, features) => {
        seen = features.runtimeOf(first).answer;
        return { impl: {}, dispose: async () => void stopped.push('db') };
      },
    });
    const started = startFeatures([first, second] as MainFeature[], deps);
    expect(seen).toBe(42);
    expect(Object.keys(started.impls)).toEqual(['app', 'db']);
    await started.dispose();
    expect(stopped).toEqual(['db', 'app']);
  });

  it('refuses a runtime the feature did not declare in needs', () => {
    const first = defineFeature({ name: 'app', start: () => ({ impl: {} as never, runtime: 1 }) });
    const second = defineFeature({
      name: 'db',
      start: (_deps, features) => {
        features.runtimeOf(first);
        return { impl: {} };
      },
    });
    expect(() => startFeatures([first, second] as MainFeature[], deps)).toThrow(
      'Feature "db" uses "app" without declaring it in needs.',
    );
  });
});

describe('joinMigrations', () => {
  it('refuses two migrations with the same number', () => {
    expect(() => joinMigrations({ '004_a': () => noop }, { '004_b': () => noop })).toThrow(
      'Migrations "004_a" and "004_b" share the number 004.',
    );
  });
  it('refuses a name that is not NNN_snake_case', () => {
    expect(() => joinMigrations({ '13_x': () => noop })).toThrow('Migration name "13_x" is not NNN_snake_case.');
  });
  it('orders by name whichever feature defines them', () => {
    expect(Object.keys(joinMigrations({ '012_b': () => noop }, { '002_a': () => noop }))).toEqual(['002_a', '012_b']);
  });
});
