import type { objectTagsService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data';
import { assignmentMethods } from './assignments';
import { objectTagsEnv } from './common';
import { dialedNumberMethods } from './dialedNumbers';
import { tagMethods } from './tags';

/**
 * Object tags, their assignments, dialed numbers and the Lookup (MiCC Enterprise Advanced
 * Configurations › Object Tags), always within the caller's working tenant. One file per
 * resource (tags.ts, assignments.ts, dialedNumbers.ts; shared reads in common.ts), composed here.
 */
export function createObjectTagsService(data: DataContext): ServiceImpl<typeof Contract> {
  const env = objectTagsEnv(data);
  return { ...tagMethods(env), ...assignmentMethods(env), ...dialedNumberMethods(env) };
}
