// Extracts the manual sections the console cites into resources/help/ (run by hand when a
// citation is added: `node scripts/help/extract.mjs <folder of the vendor manuals>`).
// Each topic is one Markdown file that starts with its title and the manual's name; index.json
// maps the topic id to its file, title and manual. The renderer bundles them (ui/kit/help.ts).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const manuals = process.argv[2] ?? resolve(root, '../shared/seeds');
const out = resolve(root, 'resources/help');

const MICC = { file: '001_', name: 'MiCC Enterprise Advanced Configurations', edition: 'Release 9.5 SP2' };
const GENESYS = { file: '004_', name: 'Genesys Cloud for PureConnect Administrator’s Guide', edition: '2023 R2' };
const WEBMAN = { file: '000_', name: 'OpenScape Contact Center Web Manager Administration Guide', edition: 'V11R1' };

// from: the section's heading line; to: the heading that ends it (not included).
const TOPICS = [
  ['object-tags', MICC, 'Object Tags', '## OBJECT TAGS', '## AGENT ADVANCED CONFIGURATION'],
  [
    'response-files',
    MICC,
    'E-mail, Chat and SMS Response Files',
    '## E-MAIL, CHAT AND SMS RESPONSE FILES',
    '## REPLACEABLE IDENTIFIERS IN RESPONSE FILES AND KB RESPONSES',
  ],
  [
    'personal-call-routing',
    MICC,
    'Configuration of Personal Call Routing',
    '## CONFIGURATION OF PERSONAL CALL ROUTING',
    '## INTEGRATING WITH MIVOICE CALL RECORDING',
  ],
  ['caller-id', MICC, 'Caller ID for Outgoing Calls', '## CALLER ID FOR OUTGOING CALLS', '## OPEN APPLICATION SERVER'],
  [
    'snmp-traps',
    MICC,
    'How to Forward MiCC-E Events as Trap to SNMP Managers',
    '## HOW TO FORWARD MICC-E EVENTS AS TRAP TO SNMP MANAGERS',
    '## WINDOWS EVENT CONFIGURATION',
  ],
  [
    'event-mib',
    MICC,
    'Windows Event Configuration and the MiCC Enterprise Event MIB',
    '## WINDOWS EVENT CONFIGURATION',
    '## APPLICATION COMMAND LINE PARAMETERS',
  ],
  ['registry-keys', MICC, 'Registry Keys', '## INTRODUCTION', '## REDUNDANCY'],
  ['command-line', MICC, 'Application Command Line Parameters', '## APPLICATION COMMAND LINE PARAMETERS', '## AGENT'],
  ['agent-data-access', MICC, 'Agent Data Access', '## AGENT DATA ACCESS', '## PHONE AGENT AUTOMATIC LOGON'],
  ['password-management', MICC, 'Password Management', '## PASSWORD MANAGEMENT', '## SERVICE SECURITY'],
  [
    'web-installation',
    MICC,
    'Customer Configurations for Web Installation and Client Updates',
    '## CUSTOMER CONFIGURATIONS FOR WEB INSTALLATION AND CLIENT UPDATES',
    '## HOTFIX/INSTALLATION UPDATES',
  ],
  ['hotfix', MICC, 'Hotfix/Installation Updates', '## HOTFIX/INSTALLATION UPDATES', '## PASSWORD MANAGEMENT'],
  ['user-synchronization', MICC, 'User Synchronization', '## USER SYNCHRONIZATION', '## SINGLE SIGN-ON'],
  ['single-sign-on', MICC, 'Single Sign-On', '## SINGLE SIGN-ON', '## SINGLE SIGN-ON USING SAML 2.0 IN WEB MANAGER'],
  [
    'saml',
    WEBMAN,
    'Single Sign On using SAML2 protocol',
    '## 3 Single Sign On using SAML2 protocol',
    '## 4 Single Sign On with Circuit',
  ],
  ['circuit', WEBMAN, 'Single Sign On with Circuit', '## 4 Single Sign On with Circuit', '## 5 Virtual Agents'],
  [
    'email',
    WEBMAN,
    'Multiple e-mails per tenant',
    '## 8 Multiple e-mails per tenant',
    '## 9 Exchange Calendar Integration',
  ],
  [
    'webManager',
    WEBMAN,
    'Virtual Agents, REST SDK and CLIP for Outgoing Calls',
    '## 5 Virtual Agents',
    '## 8 Multiple e-mails per tenant',
  ],
  ['exchange-calendar', WEBMAN, 'Exchange Calendar Integration', '## 9 Exchange Calendar Integration', '# Index'],
  [
    'genesys',
    GENESYS,
    'Configure Genesys Cloud for PureConnect',
    '## **Configure Genesys Cloud for PureConnect**',
    '# **Configure Genesys Cloud Browser Client Applications**',
  ],
  [
    'genesys-sms',
    GENESYS,
    'Browser Client Applications, Dial Groups and SMS Provisioning',
    '# **Configure Genesys Cloud Browser Client Applications**',
    '#### **Configure your Genesys Cloud Organization**',
  ],
  [
    'genesys-dial-groups',
    GENESYS,
    'Configure Genesys Cloud Dial Groups',
    '# **Configure Genesys Cloud Dial Groups**',
    '#### **Configure Genesys Cloud for SMS Provisioning**',
  ],
  [
    'genesys-health',
    GENESYS,
    'Genesys Cloud Integration status and synchronization status',
    '# How do I check Genesys Cloud Integration status and activity?',
    '# How do I reprovision the Genesys Cloud for PureConnect Integration?',
  ],
];

// Running page headers the PDF conversion left between paragraphs.
const RUNNING = new Set([
  '## Advanced Configuration – Operating Instructions',
  '## Single Sign On using SAML2 protocol',
  '## Multiple e-mails per tenant',
  '### OAuth 2.0 Authentication',
  '## Virtual Agents',
  '### Configuring Actions for Virtual Agents',
]);

function clean(lines) {
  const body = [];
  for (let line of lines) {
    if (RUNNING.has(line.trim())) continue;
    if (/^[-\t ]+$/.test(line) && line.includes('---')) continue; // table rules and separators
    line = line
      .replace(/<li>/g, ' • ')
      .replace(/<\/?(b|u|i|p|ul|ol|li|strong|em|br)( [^>]*)?\/?>/g, ' ')
      .replace(/\\([_$*#<>[\]`])/g, '$1')
      .replace(/ {2,}/g, ' ')
      .replace(/\s+$/, '');
    if (line === '' && (body.length === 0 || body[body.length - 1] === '')) continue;
    body.push(line);
  }
  while (body.length && body[body.length - 1] === '') body.pop();
  return body;
}

const files = readdirSync(manuals);
const index = {};
for (const [id, manual, title, from, to] of TOPICS) {
  const file = files.find((f) => f.startsWith(manual.file));
  const lines = readFileSync(join(manuals, file), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === from);
  const end = lines.findIndex((l, i) => i > start && l.trim() === to);
  if (start < 0 || end < 0) throw new Error(`${id}: section not found`);
  const text = [`# ${title}`, '', `*${manual.name}, ${manual.edition}*`, '', ...clean(lines.slice(start + 1, end)), ''];
  writeFileSync(join(out, `${id}.md`), text.join('\n'));
  index[id] = { file: `${id}.md`, title, manual: manual.name };
}
writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
console.log(`${Object.keys(index).length} topics written to ${out}`);
