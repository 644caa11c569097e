import type { responseFilesService as Contract } from '../../contract';
import type { ServiceImpl } from '../../ipc/router';
import type { FeatureRuntime, ServiceDeps } from '../deps';
import { createParserPool } from './parserPool';
import { createResponseFilesService } from './responseFilesService';

/** Starts the responseFiles feature (issue 6): the service and its parser worker. */
export function startResponseFiles(deps: ServiceDeps): FeatureRuntime<ServiceImpl<typeof Contract>> {
  const parser = createParserPool();
  const impl = createResponseFilesService(deps.data, parser);
  return { impl: () => impl, dispose: () => parser.dispose() };
}
