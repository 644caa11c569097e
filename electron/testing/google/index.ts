/**
 * Test-only stand-in for Google's OAuth 2.0 token endpoint (JWT bearer grant, RFC 7523) and the
 * Dialogflow V2 `detectIntent` method, on 127.0.0.1 over plain HTTP. Nothing here ships.
 *
 * ```ts
 * const g = await startGoogleStandIn();
 * const key = g.addServiceAccount('ccm-bot-123456');   // a real service-account key file (JSON text)
 * g.tokenUrl   // http://127.0.0.1:<port>/token          (real: https://oauth2.googleapis.com/token)
 * g.apiUrl     // http://127.0.0.1:<port>                (real: https://dialogflow.googleapis.com)
 * g.requests   // { method, path, status }
 * await g.stop();
 * ```
 *
 * - `POST /token` (form `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`): checks the
 *   RS256 signature with the account's public key, `aud` (the token URL), `iat`/`exp` (at most one hour),
 *   `scope`. Error bodies as Google's: `{"error":"unsupported_grant_type","error_description":"Invalid grant_type: x"}`,
 *   `{"error":"invalid_grant","error_description":"Invalid JWT Signature."}`,
 *   `{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) and
 *   in a reasonable timeframe. Check your iat and exp values in the JWT claim."}`,
 *   `{"error":"invalid_grant","error_description":"Invalid grant: account not found"}` (a removed account),
 *   `{"error":"invalid_request","error_description":"Missing required parameter: assertion"}`.
 * - `POST /v2/projects/{p}/agent/sessions/{s}:detectIntent` (Bearer token): 401 UNAUTHENTICATED without a valid
 *   token, 403 PERMISSION_DENIED for another project than the token's account, 400 INVALID_ARGUMENT without
 *   `queryInput.text.text`; otherwise a `queryResult` ("hello" → Default Welcome Intent).
 */
import { generateKeyPairSync, randomBytes, randomUUID, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GoogleStandIn {
  tokenUrl: string;
  apiUrl: string;
  /** A new service account of the project; returns its key file (JSON text, as Google Cloud downloads it). */
  addServiceAccount(projectId: string, name?: string): string;
  /** Deletes the account: its keys get "account not found". */
  removeServiceAccount(clientEmail: string): void;
  requests: Array<{ method: string; path: string; status: number }>;
  stop(): Promise<void>;
}

interface Account {
  projectId: string;
  clientEmail: string;
  publicKey: KeyObject;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startGoogleStandIn(): Promise<GoogleStandIn> {
  const accounts = new Map<string, Account>();
  const tokens = new Map<string, { clientEmail: string; exp: number }>();
  const requests: GoogleStandIn['requests'] = [];
  let tokenUrl = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
    return status;
  };
  const grantError = (res: ServerResponse, error: string, description: string, status = 400) =>
    send(res, status, { error, error_description: description });
  const apiError = (res: ServerResponse, code: number, status: string, message: string) =>
    send(res, code, { error: { code, message, status } });

  const token = (res: ServerResponse, body: string): number => {
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return grantError(res, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    const assertion = form.get('assertion');
    if (!assertion) return grantError(res, 'invalid_request', 'Missing required parameter: assertion');
    const parts = assertion.split('.');
    if (parts.length !== 3) return grantError(res, 'invalid_grant', 'Invalid JWT: malformed.');
    let header: { alg?: string };
    let claims: { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      return grantError(res, 'invalid_grant', 'Invalid JWT: malformed.');
    }
    if (header.alg !== 'RS256') return grantError(res, 'invalid_grant', 'Invalid JWT: unsupported algorithm.');
    const account = claims.iss ? accounts.get(claims.iss) : undefined;
    if (!account) return grantError(res, 'invalid_grant', 'Invalid grant: account not found');
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      account.publicKey,
      Buffer.from(parts[2]!, 'base64url'),
    );
    if (!ok) return grantError(res, 'invalid_grant', 'Invalid JWT Signature.');
    const now = Math.floor(Date.now() / 1000);
    if (
      typeof claims.iat !== 'number' ||
      typeof claims.exp !== 'number' ||
      claims.exp - claims.iat > 3600 ||
      claims.exp < now ||
      claims.iat > now + 300
    )
      return grantError(
        res,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. ' +
          'Check your iat and exp values in the JWT claim.',
      );
    if (claims.aud !== tokenUrl)
      return grantError(res, 'invalid_grant', 'Invalid JWT: Failed audience check. The right audience is ' + tokenUrl);
    if (!claims.scope) return grantError(res, 'invalid_scope', 'Empty or missing scope not allowed.');
    const access = `ya29.${randomBytes(24).toString('base64url')}`;
    tokens.set(access, { clientEmail: account.clientEmail, exp: now + 3600 });
    return send(res, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
  };

  const detectIntent = (req: IncomingMessage, res: ServerResponse, projectId: string, body: string): number => {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const t = auth ? tokens.get(auth) : undefined;
    if (!t || t.exp < Date.now() / 1000)
      return apiError(
        res,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other ' +
          'valid authentication credential.',
      );
    const account = accounts.get(t.clientEmail);
    if (!account || account.projectId !== projectId)
      return apiError(
        res,
        403,
        'PERMISSION_DENIED',
        `IAM permission 'dialogflow.sessions.detectIntent' on 'projects/${projectId}/agent' denied.`,
      );
    let text: unknown;
    try {
      text = (JSON.parse(body) as { queryInput?: { text?: { text?: unknown } } }).queryInput?.text?.text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string' || !text)
      return apiError(res, 400, 'INVALID_ARGUMENT', "Invalid value at 'query_input': text is required.");
    const hello = /^(hello|hi)\b/i.test(text);
    return send(res, 200, {
      responseId: randomUUID(),
      queryResult: {
        queryText: text,
        action: hello ? 'input.welcome' : 'input.unknown',
        parameters: {},
        allRequiredParamsPresent: true,
        fulfillmentText: hello ? 'Hi! How can I help you today?' : "Sorry, I didn't get that.",
        intent: {
          name: `projects/${projectId}/agent/intents/${randomUUID()}`,
          displayName: hello ? 'Default Welcome Intent' : 'Default Fallback Intent',
        },
        intentDetectionConfidence: 1,
        languageCode: 'en',
      },
    });
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    void readBody(req).then((body) => {
      let status: number;
      const m = /^\/v2\/projects\/([^/]+)\/agent\/sessions\/([^/:]+):detectIntent$/.exec(path);
      if (req.method === 'POST' && path === '/token') status = token(res, body);
      else if (req.method === 'POST' && m) status = detectIntent(req, res, decodeURIComponent(m[1]!), body);
      else status = apiError(res, 404, 'NOT_FOUND', `${req.method} ${path} not found`);
      requests.push({ method: req.method ?? '', path, status });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  tokenUrl = `${base}/token`;

  return {
    tokenUrl,
    apiUrl: base,
    requests,
    addServiceAccount(projectId, name = 'dialogflow-client') {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const clientEmail = `${name}-${randomBytes(3).toString('hex')}@${projectId}.iam.gserviceaccount.com`;
      accounts.set(clientEmail, { projectId, clientEmail, publicKey });
      return JSON.stringify(
        {
          type: 'service_account',
          project_id: projectId,
          private_key_id: randomBytes(20).toString('hex'),
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          client_email: clientEmail,
          client_id: String(100000000000000000000n + BigInt(randomBytes(4).readUInt32BE())),
          auth_uri: 'https://accounts.google.com/o/oauth2/auth',
          token_uri: 'https://oauth2.googleapis.com/token',
          auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
          client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
          universe_domain: 'googleapis.com',
        },
        null,
        2,
      );
    },
    removeServiceAccount(clientEmail) {
      accounts.delete(clientEmail);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
