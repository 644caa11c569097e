/**
 * Test-only stand-in for Cisco UCM's AXL service on 127.0.0.1: HTTPS with a certificate of the
 * test CA (or the untrusted one), POST /axl/ with Basic authentication, the SOAPAction
 * "CUCM:DB ver=<version> getCCMVersion", and the answers Cisco UCM gives: the getCCMVersion
 * response envelope, a SOAP Fault (Axis2's "endpoint reference … not found") for an AXL version
 * it does not serve, and 401 for wrong credentials. Never used outside tests.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testCa } from '../testCa';

export interface AxlRequest {
  soapAction: string;
  authorization: string;
  body: string;
}

export interface AxlStandIn {
  host: string;
  port: number;
  requests: AxlRequest[];
  close(): Promise<void>;
}

const NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export const versionResponse = (schema: string, version: string) =>
  `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${NS}"><soapenv:Body>` +
  `<ns:getCCMVersionResponse xmlns:ns="http://www.cisco.com/AXL/API/${schema}"><return><componentVersion>` +
  `<version>${version}</version></componentVersion></return></ns:getCCMVersionResponse></soapenv:Body></soapenv:Envelope>`;

export const faultResponse = (faultstring: string) =>
  `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${NS}"><soapenv:Body><soapenv:Fault>` +
  `<faultcode>soapenv:Client</faultcode><faultstring>${faultstring.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</faultstring>` +
  `<detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

export async function startAxlStandIn(opts: {
  username: string;
  password: string;
  /** AXL schema versions served (others: SOAP Fault). */
  versions?: string[];
  /** What getCCMVersion reports. */
  ccmVersion?: string;
  /** Present the certificate of a CA clients do not trust. */
  untrusted?: boolean;
}): Promise<AxlStandIn> {
  const ca = testCa();
  const cert = opts.untrusted ? ca.untrusted : ca.server;
  const versions = opts.versions ?? ['12.5', '14.0'];
  const requests: AxlRequest[] = [];
  const expected = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const soapAction = String(req.headers.soapaction ?? '');
      const authorization = String(req.headers.authorization ?? '');
      requests.push({ soapAction, authorization, body });
      if (req.method !== 'POST' || req.url !== '/axl/') {
        res.writeHead(404).end();
        return;
      }
      if (authorization !== expected) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="Cisco CCM AXL"', 'Content-Type': 'text/html' });
        res.end('<html><body>HTTP Status 401 - Unauthorized</body></html>');
        return;
      }
      const m = /^"?CUCM:DB ver=(\S+) (\w+)"?$/.exec(soapAction);
      const xml = { 'Content-Type': 'text/xml; charset=utf-8' };
      if (!m || !versions.includes(m[1]!) || !body.includes(`http://www.cisco.com/AXL/API/${m[1]}`)) {
        res.writeHead(500, xml);
        res.end(
          faultResponse(
            `The endpoint reference (EPR) for the Operation not found is https://127.0.0.1/axl/services/AXLAPIService and the WSA Action = ${soapAction.replace(/"/g, '')}`,
          ),
        );
        return;
      }
      if (m[2] !== 'getCCMVersion' || !/<(\w+:)?getCCMVersion>/.test(body)) {
        res.writeHead(500, xml);
        res.end(faultResponse(`Operation ${m[2]} is not served by this stand-in`));
        return;
      }
      res.writeHead(200, xml);
      res.end(versionResponse(m[1]!, opts.ccmVersion ?? '12.5.1.11900(146)'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
