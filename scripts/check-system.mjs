// First step of `npm test`: say plainly which system package is missing, and how to get it,
// instead of letting a test fail somewhere deep with a cryptic error.
import { existsSync } from 'node:fs';

const chromium = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
const missing = [];
if (!existsSync(chromium)) {
  missing.push(`Chromium (${chromium}) for the e2e tests — install it with: sudo apt-get update && sudo apt-get install -y chromium`);
}
if (missing.length > 0) {
  console.error('npm test needs system packages that are missing:');
  for (const m of missing) console.error(`  - ${m}`);
  console.error('(.ci/run installs them on a fresh Debian machine.)');
  process.exit(1);
}
