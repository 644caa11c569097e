// First step of `npm test`: say plainly which system package is missing, and how to get it,
// instead of letting a test fail somewhere deep with a cryptic error.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const pgServer = () => {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/postgres`));
};

const chromium = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
const checks = [
  [existsSync(chromium), 'chromium', `Chromium (${chromium}) for the e2e tests`],
  [pgServer(), 'postgresql', 'the PostgreSQL server, which the database tests start privately'],
  [has('dbus-run-session'), 'dbus', 'a D-Bus session for the keychain tests'],
  [has('gnome-keyring-daemon'), 'gnome-keyring', 'a Secret Service (the OS keychain) for the keychain tests'],
  [existsSync('/usr/sbin/snmpd'), 'snmpd', 'the SNMP agent the agent-check tests query on 127.0.0.1'],
  [existsSync('/usr/sbin/slapd'), 'slapd', 'the LDAP server the user-synchronization tests start on 127.0.0.1'],
  [has('ldapadd'), 'ldap-utils', 'ldapadd, which loads the test directory into slapd'],
  [existsSync('/usr/sbin/dovecot'), 'dovecot-imapd', 'the IMAP server the e-mail tests start on 127.0.0.1'],
  [existsSync('/usr/bin/tinyproxy'), 'tinyproxy', 'the HTTP proxy the proxy-setting tests start on 127.0.0.1'],
  [existsSync('/usr/sbin/danted'), 'dante-server', 'the SOCKS proxy the proxy-setting tests start on 127.0.0.1'],
];
const missing = checks.filter(([ok]) => !ok);
if (missing.length > 0) {
  console.error('npm test needs system packages that are missing:');
  for (const [, pkg, why] of missing) console.error(`  - ${pkg}: ${why}`);
  console.error(
    `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.map(([, p]) => p).join(' ')}`,
  );
  console.error('(.ci/run installs them on a fresh Debian machine.)');
  process.exit(1);
}
