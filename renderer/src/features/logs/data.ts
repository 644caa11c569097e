import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SourceState, SourceView, StoreStats } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';

export type SourcesDoc = { version: number; sources: SourceView[]; stats: StoreStats };

/** Query keys of the Logs area (the first segment is the area). */
export const logsKeys = {
  sources: ['logs', 'sources'] as const,
};

/**
 * When each source state was received (ms, this window's clock): "reconnecting in N s" counts
 * down from there. Keyed by the state object, which the cache replaces on every change.
 */
const receivedAt = new WeakMap<SourceState, number>();
export const stateReceivedAt = (state: SourceState): number | undefined => receivedAt.get(state);

function stamp(doc: SourcesDoc): SourcesDoc {
  const now = Date.now();
  for (const s of doc.sources) receivedAt.set(s.state, now);
  return doc;
}

/** Puts an answer of sources / saveSource / removeSource into the cache (the newest version wins). */
export function applySources(queryClient: QueryClient, doc: SourcesDoc): void {
  queryClient.setQueryData<SourcesDoc>(logsKeys.sources, (old) =>
    !old || doc.version >= old.version ? stamp(doc) : old,
  );
}

export function applyStats(queryClient: QueryClient, stats: StoreStats): void {
  queryClient.setQueryData<SourcesDoc>(logsKeys.sources, (old) => (old ? { ...old, stats } : old));
}

/** The sources with their state and the store's figures; live through useLogsLive. */
export const useLogSources = () =>
  useQuery({
    queryKey: logsKeys.sources,
    queryFn: async () => stamp(await unwrap(ccm.logs.sources({}))),
    staleTime: Infinity,
  });

/** Line counters and store figures are re-read at most this often while lines arrive. */
const REFRESH_MS = 1000;

let liveUsers = 0;
let stopLive: (() => void) | null = null;

function startLive(queryClient: QueryClient): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const refresh = () => {
    timer = null;
    last = Date.now();
    void queryClient.invalidateQueries({ queryKey: logsKeys.sources });
  };
  const offAppended = ccm.on('logs.appended', () => {
    if (!timer) timer = setTimeout(refresh, Math.max(0, last + REFRESH_MS - Date.now()));
  });
  const offState = ccm.on('logs.sourceState', (items) => {
    const now = Date.now();
    const latest = new Map(items.map((i) => [i.id, i.state]));
    for (const state of latest.values()) receivedAt.set(state, now);
    queryClient.setQueryData<SourcesDoc>(logsKeys.sources, (old) =>
      old
        ? {
            ...old,
            sources: old.sources.map((s) => (latest.has(s.spec.id) ? { ...s, state: latest.get(s.spec.id)! } : s)),
          }
        : old,
    );
  });
  return () => {
    offAppended();
    offState();
    if (timer) clearTimeout(timer);
  };
}

/**
 * Keeps the sources query live while a Logs tab is open (one subscription however many tabs):
 * logs.sourceState patches a source's state in the cache at once (connected, reconnecting in
 * N s …); logs.appended re-reads the counters and the store's figures, at most once a second.
 */
export function useLogsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (liveUsers++ === 0) stopLive = startLive(queryClient);
    return () => {
      if (--liveUsers === 0) {
        stopLive?.();
        stopLive = null;
      }
    };
  }, [queryClient]);
}
