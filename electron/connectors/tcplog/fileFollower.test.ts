import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogStore } from '../../services/logs/logStore';
import { FileFollower } from './fileFollower';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, label: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await sleep(10);
  }
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

function follow(path: string) {
  const store = new LogStore({ capacityBytes: 1024 * 1024 });
  const src = store.sourceIndex('f');
  const statuses: Array<{ status: string; message: string }> = [];
  const f = new FileFollower({
    path,
    pollMs: 50,
    chunkBytes: 64,
    onData: (chunk) => store.append(src, chunk, Date.now()),
    onEnd: () => store.endOfStream(src, Date.now()),
    onStatus: (status, message) => statuses.push({ status, message }),
  });
  stops.push(() => f.stop());
  f.start();
  const texts = () =>
    store
      .window(store.openView('v', store.compileFilter({ regex: false, caseSensitive: false })), 0, 1000)
      .map((l) => l.text);
  const lines = () =>
    store.window(store.openView('v', store.compileFilter({ regex: false, caseSensitive: false })), 0, 1000);
  return { store, statuses, texts, lines };
}

const row = (t: string, action: string, logon: string) =>
  `"${t}","${action}","6f1c-${logon}","12","${logon}","Kate","Sharp","${logon}@contoso.com",""`;

describe('FileFollower', () => {
  it('reads UserSync.csv from the start (BOM skipped, CRLF), then what is appended, joining a line written in two parts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-follow-'));
    const path = join(dir, 'UserSync.csv');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          `${row('2026-03-01 02:00:01', 'ADD', 'sharpka1')}\r\n${row('2026-03-01 02:00:02', 'ERROR', 'jdoe')}\r\n`,
        ),
      ]),
    );
    const { texts, statuses, lines } = follow(path);
    await until(() => texts().length === 2, 'history');
    expect(statuses[0]).toEqual({ status: 'following', message: `Following ${path}` });
    expect(lines().map((l) => [l.severity, l.level, l.structured])).toEqual([
      ['info', 'ADD', true],
      ['error', 'ERROR', true],
    ]);
    expect(texts()[0]).toBe(row('2026-03-01 02:00:01', 'ADD', 'sharpka1'));

    appendFileSync(path, '"2026-03-01 02:00:03","UPD');
    await sleep(150);
    expect(texts()).toHaveLength(2);
    appendFileSync(path, `ATE","6f1c-mlee","13","mlee","M","Lee","mlee@contoso.com",""\r\n`);
    await until(() => texts().length === 3, 'the appended line');
    expect(lines()[2]).toMatchObject({ level: 'UPDATE', severity: 'info' });
  });

  it('a truncated file is read again from the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-follow-'));
    const path = join(dir, 'MiCCEHotFixInstaller.log');
    writeFileSync(path, 'old line 1\nold line 2\nold partial');
    const { texts, statuses } = follow(path);
    await until(() => texts().length === 2, 'old lines');
    truncateSync(path, 0);
    writeFileSync(path, 'new 1\n');
    await until(() => texts().includes('new 1'), 'the new content');
    // The unterminated line before the truncation is kept as it was.
    expect(texts()).toEqual(['old line 1', 'old line 2', 'old partial', 'new 1']);
    expect(statuses.some((s) => /was truncated/.test(s.message))).toBe(true);
  });

  it('a rotated file (renamed, a new one created) is finished, then the new one is read from the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-follow-'));
    const path = join(dir, 'app.log');
    writeFileSync(path, 'a1\n');
    const { texts, statuses } = follow(path);
    await until(() => texts().length === 1, 'a1');
    appendFileSync(path, 'a2\n');
    renameSync(path, join(dir, 'app.log.1'));
    writeFileSync(path, 'b1\nb2\n');
    await until(() => texts().length === 4, 'the rotated file');
    expect(texts()).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(statuses.some((s) => /replaced \(rotated\)/.test(s.message))).toBe(true);
  });

  it('waits for a file that does not exist yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-follow-'));
    const path = join(dir, 'later.log');
    const { texts, statuses } = follow(path);
    await until(() => statuses.length > 0, 'a status');
    expect(statuses[0]).toEqual({ status: 'error', message: `${path} does not exist (yet); waiting for it` });
    writeFileSync(path, 'here now\n');
    await until(() => texts().length === 1, 'the file');
    expect(statuses.at(-1)!.status).toBe('following');
  });
});
