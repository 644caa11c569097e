import type { TestProject } from 'vitest/node';
import { startPgServer } from './postgresServer';

/** One real PostgreSQL server for the whole vitest run; tests get its address via inject('pg'). */
export default async function setup(project: TestProject) {
  const server = await startPgServer();
  const { stop, ...address } = server;
  project.provide('pg', address);
  return async () => stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { host: string; port: number; user: string; password: string; database: string };
  }
}
