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
  }, 60_000);
  afterAll(async () => {
    await pool.dispose();
    built.remove();
  });

  // Speed (≤ 1 s) is bench:responses' figure, not a unit test's: CI machines are shared.
  it('parses and validates a 10 MB file off the main thread', async () => {
    const { xml, responses } = syntheticResponseFile(10 * 1024 * 1024);
    expect(pool.usesWorker).toBe(true);
    await pool.parse(syntheticResponseFile(300_000).xml); // starts the worker
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t = performance.now();
    const r = await pool.parse(xml);
    const parsed = performance.now() - t;
    clearInterval(timer);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const problems = validateResponseFile(r.doc, {
      usages: [{ serviceGroup: 'Web Chat', media: 'chat' }],
      location: null,
    });
    expect(r.doc.items.filter((i) => i.kind === 'response')).toHaveLength(responses);
    expect(problems.length).toBeGreaterThan(0); // $Subject$ etc. in a chat file
    // The main thread kept running its timers while the worker parsed.
    expect(ticks).toBeGreaterThan(parsed / 5 / 4);
  }, 30_000);

  it('answers errors with line and column from the worker, and small files in place', async () => {
    const bad = `<ResponseFile>\n${'<Response Name="x">y</Response>\n'.repeat(20_000)}<Response Name="z">&bad;</Response></ResponseFile>`;
    const r = await pool.parse(bad);
    expect(!r.ok && r.error).toMatchObject({ line: 20_002, message: expect.stringMatching(/entity/) });
    const small = await createParserPool(null).parse('<ResponseFile><Response Name="a">b</Response></ResponseFile>');
    expect(small.ok).toBe(true);
  });
});
