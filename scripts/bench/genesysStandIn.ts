import { createInterface } from 'node:readline';
import { startGenesysStandIn } from '../../electron/testing/genesysCloud/standIn';

/**
 * bench:genesys's Genesys Cloud stand-in, in a process of its own (as bench:sync's Graph stand-in), so its
 * work (10,000 SCIM users, their skills) is not counted against the console's process. Prints one JSON
 * line (its base URL) when it listens; then answers one JSON line per request line:
 *   {"q":"stats"}                    → { requests, usersWithSkills, skills }
 *   {"q":"displayNames","names":[…]} → the display name of each userName (null when unknown)
 * Ends on SIGTERM.
 */
async function main() {
  const cloud = await startGenesysStandIn({ orgShortName: 'acme', adminPassword: 'Genesys#2026' });
  process.stdout.write(`${JSON.stringify({ baseUrl: cloud.baseUrl })}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const m = JSON.parse(line) as { q: string; names?: string[] };
    const answer =
      m.q === 'stats'
        ? {
            requests: cloud.requests.length,
            usersWithSkills: cloud.userSkills.size,
            skills: cloud.collections.skills.size + cloud.collections.languages.size,
          }
        : m.q === 'displayNames'
          ? (m.names ?? []).map((n) => cloud.userByName(n)?.displayName ?? null)
          : { error: `unknown request ${m.q}` };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  });
  process.once('SIGTERM', () => void cloud.stop().finally(() => process.exit(0)));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
