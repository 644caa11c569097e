import type { FieldProblem, SetupConfigForm, SetupConfigModel } from '../../contract';
import { decodeSetupBytes, encodeSetupText, sameBytes } from './encoding';
import { parseSetupConfig, type ParsedSetupConfig } from './parser';
import { writeSetupConfig } from './serializer';
import { setupConfigProblems, type SetupRulesContext } from './validator';

export { setupConfigProblems, type SetupRulesContext } from './validator';
export { decodeSetupBytes, encodeSetupText } from './encoding';

export interface ReadSetupConfig {
  form: SetupConfigForm;
  parsed: ParsedSetupConfig;
}

/** A Setup.config's bytes read (encoding, then XML without DTDs); a refusal names what is wrong. */
export function readSetupConfig(
  bytes: Uint8Array,
): { ok: true; file: ReadSetupConfig } | { ok: false; message: string; line: number | null } {
  const d = decodeSetupBytes(bytes);
  if (!d.ok) return { ok: false, message: d.message, line: null };
  const p = parseSetupConfig(d.text);
  if (!p.ok) return p;
  return { ok: true, file: { form: d.form, parsed: p.parsed } };
}

/** The problems of a model: the file's structure (unknown or repeated nodes) and every rule. */
export function problemsOf(
  file: ReadSetupConfig | null,
  model: SetupConfigModel,
  ctx: SetupRulesContext,
): FieldProblem[] {
  return [...(file?.parsed.structure ?? []), ...setupConfigProblems(model, ctx)];
}

/**
 * The bytes of the file with the model's edits: the stored bytes themselves when nothing
 * changed, else the edited text in the file's own encoding, BOM and line ending.
 */
export function editSetupConfig(bytes: Uint8Array, file: ReadSetupConfig, model: SetupConfigModel): Uint8Array {
  const text = writeSetupConfig(file.parsed, model, file.form.eol);
  if (text === file.parsed.text) return bytes;
  const out = encodeSetupText(text, file.form);
  return sameBytes(out, bytes) ? bytes : out;
}

/** A new customer folder's Setup.config: the manual's default configuration for this tenant. */
export function defaultSetupConfig(customerName: string, tenantId: number): Uint8Array {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const text = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <execute command="Solidus\\ClientSetup.exe" args="/Q /F /C:ClientSetup.ini" hidden="true" />',
    `  <customerName>${esc(customerName)}</customerName>`,
    `  <tenantID>${tenantId}</tenantID>`,
    '  <files>',
    '    <file include="$(WebServerUri)/MiCCEInstallation/NextCCclient/*.*" subDirs="true" outputFolder="Solidus" />',
    '    <file include="$(WebServerUri)/MiCCEInstallation/ScriptManager/*.*" subDirs="true" ' +
      'outputFolder="ScriptManager" />',
    '  </files>',
    '</configuration>',
    '',
  ].join('\r\n');
  return encodeSetupText(text, { encoding: 'utf-8', bom: false, eol: '\r\n' });
}
