import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../csp';
import { readStatic, resolveStatic } from '../host/static';

/** The renderer is served from app://ccm/ rather than file:// (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ccm';
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const found = url.host === APP_HOST ? await resolveStatic(rendererDir, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404 });
    return new Response(await readStatic(found.file), { headers: { 'Content-Type': found.type, ...SECURITY_HEADERS } });
  });
}

/** True for a URL of our own renderer (the only content the window may show or call from). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
