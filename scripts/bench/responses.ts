/**
 * npm run bench:responses — the response-file figures issue 6 asks for:
 *   - a 10 MB response file parsed in the worker thread (the built out/main/responseFilesWorker.cjs,
 *     as the console runs it) and validated against chat usage: wall time, and how long the
 *     main thread's event loop was blocked meanwhile (it keeps a 5 ms timer running);
 *   - the same file parsed in place, written back, and a preview as an e-mail agent;
 * The tree with 10,000 responses is measured in the browser by e2e/responseFiles.spec.ts
 * (jump to the end, rename, collapse all), which prints its figures.
 * BENCH_RF_MB (default 10) changes the file size.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  agentPreview,
  DEFAULT_SAMPLES,
  parseResponseFile,
  validateResponseFile,
  writeResponseFile,
} from '../../electron/domain/responseFiles';
import { syntheticResponseFile } from '../../electron/domain/responseFiles/synthetic';
import { createParserPool } from '../../electron/services/responseFiles/parserPool';

const ms = (t: number) => `${t.toFixed(0)} ms`;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};
const best = <T>(runs: number, fn: () => T): [T, number] => {
  let out: [T, number] | null = null;
  for (let i = 0; i < runs; i++) {
    const r = time(fn);
    if (!out || r[1] < out[1]) out = r;
  }
  return out!;
};

async function main() {
  const mb = Number(process.env.BENCH_RF_MB ?? 10);
  const { xml, responses } = syntheticResponseFile(mb * 1024 * 1024);
  console.log(
    `response file: ${(xml.length / 1024 / 1024).toFixed(1)} MB, ${responses.toLocaleString('en')} responses`,
  );

  const worker = resolve(__dirname, '../main/responseFilesWorker.cjs');
  if (!existsSync(worker)) throw new Error(`${worker} is missing: run node scripts/build.mjs --bench first`);
  const pool = createParserPool(worker);
  await pool.parse(syntheticResponseFile(300_000).xml); // start the worker thread once
  const usages = [{ serviceGroup: 'Web Chat', media: 'chat' as const }];
  const rounds: { total: number; blocked: number }[] = [];
  for (let i = 0; i < 3; i++) {
    let last = performance.now();
    let blocked = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      blocked = Math.max(blocked, now - last - 5);
      last = now;
    }, 5);
    const t = performance.now();
    const r = await pool.parse(xml);
    if (!r.ok) throw new Error(r.error.message);
    const problems = validateResponseFile(r.doc, { usages, location: null });
    const total = performance.now() - t;
    clearInterval(timer);
    rounds.push({ total, blocked });
    if (i === 0)
      console.log(
        `  ${r.doc.items.length.toLocaleString('en')} items, ${problems.length.toLocaleString('en')} problems ` +
          `(identifiers not for chat)`,
      );
  }
  await pool.dispose();
  const bestRound = rounds.reduce((a, b) => (b.total < a.total ? b : a));
  console.log(
    `worker parse + validate (10 MB): ${ms(bestRound.total)} best of 3 ` +
      `(${rounds.map((r) => ms(r.total)).join(', ')}); main-thread timer gap ` +
      `${ms(Math.max(...rounds.map((r) => r.blocked)))} max`,
  );

  const [parsed, tParse] = best(3, () => parseResponseFile(xml));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [, tValidate] = best(3, () => validateResponseFile(parsed.doc, { usages, location: null }));
  const [out, tWrite] = best(3, () => writeResponseFile(parsed.doc));
  const [, tPreview] = best(3, () => agentPreview(parsed.doc, 'email', DEFAULT_SAMPLES, 'en-US'));
  console.log(
    `in place: parse ${ms(tParse)}, validate ${ms(tValidate)}, write ${ms(tWrite)} ` +
      `(${(out.length / 1024 / 1024).toFixed(1)} MB), preview as e-mail agent ${ms(tPreview)}`,
  );

  console.log(`(worker: ${worker})`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
