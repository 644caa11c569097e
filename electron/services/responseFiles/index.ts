import type { responseFilesService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { createParserPool } from './parserPool';
import { createResponseFilesService } from './responseFilesService';

/** Starts the responseFiles feature (issue 6): the service and its parser worker. */
export function startResponseFiles(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  const parser = createParserPool();
  // The console's own files, never read through a Src or an import path (SECURITY.md).
  const databaseFiles = () => deps.profiles.read().profiles.flatMap((p) => (p.engine === 'sqlite' ? [p.file] : []));
  const impl = createResponseFilesService(deps.data, parser, { userDataDir: deps.userDataDir, databaseFiles });
  return { impl: () => impl, dispose: () => parser.dispose() };
}
