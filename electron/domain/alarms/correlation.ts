import type { EventConfig } from './eventConfig';

/**
 * Correlation rules: "<resolution event> clears <problem event>, matched on the same source (and
 * the same value of varbind $n, e.g. ifIndex)". A rule is not a table of its own: it is what the
 * event configuration already does — the problem's deduplication key and the resolution's clear
 * key are the same template — so the listener's matcher needs nothing new, and one rule serves
 * every form of its events (v1 or v2c/v3, plain, suffixed or 32-bit Windows event IDs), as their
 * configuration rows do. This module reads the pairs out of the configuration and writes the keys.
 */
export type CorrelationMatch = { on: 'source' } | { on: 'varbind'; position: number };

export interface CorrelationPair {
  /** The Cleared (resolution) event's configuration. */
  clears: EventConfig;
  /** The problem's configuration. */
  cleared: EventConfig;
  /** How the two are matched; null = a key written by hand in Event configuration (shown, edited there). */
  match: CorrelationMatch | null;
}

const KEY_RE = /^\$A\|([^|$]+)(?:\|\$(\d+))?$/;

/** The key template both events of a rule get: $A|<tag> or $A|<tag>|$<n>. */
export function correlationKey(tag: string, match: CorrelationMatch): string {
  return match.on === 'source' ? `$A|${tag}` : `$A|${tag}|$${match.position}`;
}

/** What a key template means as a rule, when it is one of the two shapes above. */
export function matchOfKey(key: string): CorrelationMatch | null {
  const m = KEY_RE.exec(key.trim());
  if (!m) return null;
  return m[2] === undefined ? { on: 'source' } : { on: 'varbind', position: Number(m[2]) };
}

/** A rule's tag: the problem's OID pattern (unique per configuration row, no | or $ in it). */
export const correlationTag = (problemPattern: string) => problemPattern;

/** Every pair in the configuration: a Cleared row whose clear key is another row's deduplication key. */
export function correlationPairs(configs: EventConfig[]): CorrelationPair[] {
  const out: CorrelationPair[] = [];
  for (const a of configs) {
    if (a.severity !== 'Cleared' || !a.clearKey.trim()) continue;
    for (const b of configs) {
      if (b.id === a.id || b.severity === 'Cleared' || b.dedupeKey.trim() !== a.clearKey.trim()) continue;
      out.push({ clears: a, cleared: b, match: matchOfKey(a.clearKey) });
    }
  }
  return out;
}
