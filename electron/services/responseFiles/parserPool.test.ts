import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticResponseFile } from '../../domain/responseFiles/synthetic';
import { validateResponseFile } from '../../domain/responseFiles';
import { buildWorkerForTest } from '../../testing/buildWorker';
import { createParserPool, type ParserPool } from './parserPool';

// The worker is tested as it ships: built by Vite to a .cjs file like scripts/build.mjs does,
// then driven through the same pool the service uses.
describe('response-file worker (built)', () => {
  let file: string;
  let built: Awaited<ReturnType<typeof buildWorkerForTest>>;
  let pool: ParserPool;
  beforeAll(async () => {
    built = await buildWorkerForTest('responseFilesWorker', resolve(__dirname, 'worker.ts'));
    file = built.file;
    pool = createParserPool(file);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => {
    await pool.dispose();
    built.remove();
  });

  // Speed (≤ 1 s) and how long main's event loop may stall meanwhile are bench:responses'
  // figures ("worker parse + validate", "main-thread timer gap"), not a unit test's: CI machines
  // are shared. The test checks the state that proves the work is off the main thread.
  it('parses and validates a 10 MB file off the main thread', async () => {
    const { xml, responses } = syntheticResponseFile(10 * 1024 * 1024);
    expect(pool.usesWorker).toBe(true);
    await pool.parse(syntheticResponseFile(300_000).xml); // starts the worker
    // Parsed in place, parse() would have done the work before returning: its promise would
    // settle first. In the worker, main's event loop turns (setImmediate runs) before it settles.
    const order: string[] = [];
    const parsing = pool.parse(xml).then((res) => (order.push('parsed'), res));
    await new Promise<void>((done) => setImmediate(() => (order.push('main loop turned'), done())));
    const r = await parsing;
    expect(order).toEqual(['main loop turned', 'parsed']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const problems = validateResponseFile(r.doc, {
      usages: [{ serviceGroup: 'Web Chat', media: 'chat' }],
      location: null,
    });
    expect(r.doc.items.filter((i) => i.kind === 'response')).toHaveLength(responses);
    expect(problems.length).toBeGreaterThan(0); // $Subject$ etc. in a chat file
  }, 30_000);

  it('answers errors with line and column from the worker, and small files in place', async () => {
    const bad = `<ResponseFile>\n${'<Response Name="x">y</Response>\n'.repeat(20_000)}<Response Name="z">&bad;</Response></ResponseFile>`;
    const r = await pool.parse(bad);
    expect(!r.ok && r.error).toMatchObject({ line: 20_002, message: expect.stringMatching(/entity/) });
    const small = await createParserPool(null).parse('<ResponseFile><Response Name="a">b</Response></ResponseFile>');
    expect(small.ok).toBe(true);
  });
});
