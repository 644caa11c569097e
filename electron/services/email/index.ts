import { readFileSync } from 'node:fs';
import { defineFeature } from '../feature';
import { createEmailService } from './emailService';
import { emailMigration } from './migrations/014_email';
import './schema';

/**
 * Extra CA certificates the mail connections trust besides the system's (a private CA of an
 * on-premises mail server; the tests' CA): a PEM file named by CCM_EXTRA_CA_FILE, read at each
 * Test so a changed file applies without a restart.
 */
function extraCa(): string[] | undefined {
  const file = process.env.CCM_EXTRA_CA_FILE;
  if (!file) return undefined;
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return undefined;
  }
}

/**
 * E-mail: the e-mail servers and destinations of each tenant (passwords in the keychain) and
 * their connection Test. No running parts yet: each Test opens and closes its own connections.
 */
export const emailFeature = defineFeature({
  name: 'email',
  start: (deps) => ({ impl: createEmailService(deps, { ca: extraCa }) }),
  migrations: { '014_email': emailMigration },
});
