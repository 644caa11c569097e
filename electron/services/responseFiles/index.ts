import { defineFeature } from '../feature';
import { seedResponseFilesDemo } from './demo';
import { responseFilesMigration } from './migrations/005_response_files';
import { createParserPool } from './parserPool';
import { createResponseFilesService } from './responseFilesService';

// For other features (they import a feature only through its index.ts).
export { consoleFileReason, isInside, realpathLoose, type ConsoleFiles } from './pathConfinement';

/** The responseFiles feature (issue 6): the service and its parser worker. */
export const responseFilesFeature = defineFeature({
  name: 'responseFiles',
  start: ({ data, profiles, userDataDir }) => {
    const parser = createParserPool();
    // The console's own files, never read through a Src or an import path (SECURITY.md).
    const databaseFiles = () => profiles.read().profiles.flatMap((p) => (p.engine === 'sqlite' ? [p.file] : []));
    const impl = createResponseFilesService(data, parser, { userDataDir, databaseFiles });
    return { impl, dispose: () => parser.dispose() };
  },
  migrations: { '005_response_files': responseFilesMigration },
  demo: seedResponseFilesDemo,
});
