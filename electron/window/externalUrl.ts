/** Schemes a link may open outside the app (in the user's browser or mail client). */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);

/**
 * Whether a URL a page asked to open may go to `shell.openExternal`. Pure (no `electron`
 * import) so it is unit-tested: only https and mailto after parsing with URL, so file:, smb:,
 * ms-msdt:, javascript:, custom protocol handlers and unparsable strings never reach the OS.
 */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(raw).protocol);
  } catch {
    return false;
  }
}
