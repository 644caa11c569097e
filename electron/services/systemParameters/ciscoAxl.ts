import { connect, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { AxlTestResult, CiscoCertificate } from '../../contract';
import { fetchFailure, outboundFetch, pinMismatchOf } from '../../connectors/http/outbound';

/**
 * AXL (Cisco UCM's SOAP administration API): getCCMVersion, the call the Test button makes, and
 * reading a server's TLS certificate (raw TLS socket: the certificate is read, not trusted).
 */

export const axlUrl = (host: string, port: number) => `https://${host.includes(':') ? `[${host}]` : host}:${port}/axl/`;

export function getCcmVersionEnvelope(version: string): string {
  return (
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    `xmlns:ns="http://www.cisco.com/AXL/API/${version}">` +
    '<soapenv:Header/><soapenv:Body><ns:getCCMVersion><processNodeName></processNodeName>' +
    '</ns:getCCMVersion></soapenv:Body></soapenv:Envelope>'
  );
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const element = (xml: string, name: string): string | null => {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return m ? unescapeXml(m[1]!.trim()) : null;
};

/** The version in a getCCMVersionResponse (`<return><componentVersion><version>`), or null. */
export function parseCcmVersion(xml: string): string | null {
  const ret = element(xml, 'return');
  const cv = ret && element(ret, 'componentVersion');
  return cv ? element(cv, 'version') : null;
}
/** A SOAP Fault's faultstring, or null. */
export function parseFault(xml: string): string | null {
  const fault = element(xml, 'Fault');
  return fault ? (element(fault, 'faultstring') ?? fault.slice(0, 300)) : null;
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO|wrong version number|handshake/i;

/** An X.509 name as "CN=…, O=…". */
const formatName = (n: PeerCertificate['subject'] | undefined) =>
  n
    ? Object.entries(n)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
        .join(', ')
    : '';

/** Connect with TLS and read the peer certificate (not verified: the administrator decides). */
export function readServerCertificate(host: string, port: number, timeoutMs = 10_000): Promise<CiscoCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const fail = (e: Error) => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(new Error(`No TLS answer from ${host}:${port} within ${timeoutMs / 1000} s.`)),
    );
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const c = socket.getPeerCertificate();
      socket.end();
      if (!c || !c.raw) return reject(new Error(`${host}:${port} presented no certificate.`));
      resolve({
        subject: formatName(c.subject),
        issuer: formatName(c.issuer),
        validFrom: new Date(c.valid_from).toISOString(),
        validTo: new Date(c.valid_to).toISOString(),
        sha256: c.fingerprint256.toUpperCase(),
      });
    });
  });
}

export interface AxlCall {
  host: string;
  port: number;
  version: string;
  username: string;
  password: string;
  /** The trusted certificate's SHA-256 for this host:port: the server must present exactly it. */
  pinnedSha256: string | null;
  timeoutMs?: number;
}

/** getCCMVersion; names what failed: the connection, TLS, the pinned certificate, the credentials, a SOAP Fault. */
export async function testAxl(c: AxlCall): Promise<AxlTestResult> {
  const where = `${c.host}:${c.port}`;
  const result = (ok: boolean, stage: AxlTestResult['stage'], message: string, version: string | null = null) => ({
    ok,
    stage,
    message,
    version,
  });
  let res: Response;
  try {
    res = await outboundFetch(
      axlUrl(c.host, c.port),
      {
        method: 'POST',
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: `"CUCM:DB ver=${c.version} getCCMVersion"`,
          Authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`,
        },
        body: getCcmVersionEnvelope(c.version),
        signal: AbortSignal.timeout(c.timeoutMs ?? 10_000),
      },
      // The pin is checked on this request's own connection (not a separate look first), so what
      // answers getCCMVersion is exactly the server whose certificate was trusted.
      { pinnedSha256: c.pinnedSha256 },
    );
  } catch (e) {
    const pin = pinMismatchOf(e);
    if (pin)
      return result(
        false,
        'pin',
        `TLS: ${where} presented another certificate than the one you trusted (SHA-256 ${pin.presentedSha256}). ` +
          `Download and check the server's certificate again.`,
      );
    const why = fetchFailure(e);
    if (TLS_CODES.test(why)) return result(false, 'tls', `TLS: the certificate of ${where} was not accepted (${why}).`);
    return result(false, 'network', `Could not connect to ${where}: ${why}`);
  }
  const body = (await res.text().catch(() => '')).slice(0, 200_000);
  if (res.status === 401 || res.status === 403)
    return result(
      false,
      'auth',
      `Authentication: ${where} refused the CallManager Username and Password (HTTP ${res.status}). ` +
        `Check the Application User and its Standard AXL API Access role.`,
    );
  const fault = parseFault(body);
  if (fault) return result(false, 'fault', `AXL answered with a SOAP Fault: ${fault.slice(0, 500)}`);
  const version = res.ok ? parseCcmVersion(body) : null;
  if (!version)
    return result(false, 'http', `${where} did not answer getCCMVersion (HTTP ${res.status} ${res.statusText}).`);
  return result(true, 'ok', `AXL answered: Cisco UCM ${version}.`, version);
}
