import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { outboundFetch } from '../../connectors/http/outbound';
import { ServiceError } from '../../ipc/errors';

/** A Google service-account key file (the "GCP token .json file"), as far as we use it. */
export interface ServiceAccountKey {
  projectId: string;
  clientEmail: string;
  privateKeyId: string | null;
  privateKeyPem: string;
  /** SHA-256 (hex) of the public key: the same key in two files gives the same fingerprint. */
  fingerprint: string;
}

const bad = (message: string) => new ServiceError('INVALID', message, 'keyFile');

/** Validates the key file: JSON, type service_account, project_id, private_key (an RSA key), client_email. */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('The token file is not JSON: choose the service-account key (.json) downloaded from Google Cloud.');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw bad('The token file is not a JSON object.');
  const o = json as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string).trim() : '');
  if (str('type') !== 'service_account')
    throw bad(`The token file is not a Google service-account key: "type" must be "service_account".`);
  const missing = ['project_id', 'private_key', 'client_email'].filter((k) => !str(k));
  if (missing.length) throw bad(`The token file lacks ${missing.map((m) => `"${m}"`).join(', ')}.`);
  if (!/^[^\s@]+@[^\s@]+$/.test(str('client_email')))
    throw bad('The token file\'s "client_email" is not an e-mail address.');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: o.private_key as string, format: 'pem' });
  } catch {
    throw bad('The token file\'s "private_key" is not a PEM private key.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw bad('The token file\'s "private_key" is not an RSA key.');
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return {
    projectId: str('project_id'),
    clientEmail: str('client_email'),
    privateKeyId: str('private_key_id') || null,
    privateKeyPem: o.private_key as string,
    fingerprint: createHash('sha256').update(spki).digest('hex'),
  };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** RFC 7523 JWT bearer assertion, RS256, for Google's token endpoint. */
export function jwtAssertion(key: ServiceAccountKey, audience: string, scope: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const claims = { iss: key.clientEmail, sub: key.clientEmail, aud: audience, scope, iat, exp: iat + 3600 };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), createPrivateKey(key.privateKeyPem));
  return `${input}.${b64url(signature)}`;
}

const DIALOGFLOW_SCOPE = 'https://www.googleapis.com/auth/dialogflow';
const TIMEOUT_MS = 15_000;

async function post(
  url: string,
  init: RequestInit,
  what: string,
  field: string,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await outboundFetch(url, {
      ...init,
      method: 'POST',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err instanceof Error ? err.name : 'error');
    throw new ServiceError('UNAVAILABLE', `${what} at ${new URL(url).origin} could not be reached (${cause}).`, field);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

/** The Google error body's words: {"error":"invalid_grant","error_description":"…"} or {"error":{"message":…}}. */
function googleError(body: unknown): string {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  if (!b) return 'no details';
  if (typeof b.error === 'string')
    return typeof b.error_description === 'string' ? `${b.error}: ${b.error_description}` : b.error;
  const e = b.error as { status?: unknown; message?: unknown } | undefined;
  if (e && typeof e === 'object')
    return [e.status, e.message].filter((x) => typeof x === 'string').join(': ') || 'no details';
  return 'no details';
}

export interface DetectResult {
  tokenMs: number;
  detectMs: number;
  queryText: string;
  fulfillmentText: string;
  intent: string | null;
  action: string | null;
}

/** Dialogflow V2 "Test": JWT bearer grant for an access token, then sessions/{s}:detectIntent with the text. */
export async function dialogflowTest(
  key: ServiceAccountKey,
  o: { projectId: string; tokenEndpoint: string; apiEndpoint: string; text: string; sessionId: string },
): Promise<DetectResult> {
  const t0 = Date.now();
  const grant = await post(
    o.tokenEndpoint,
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwtAssertion(key, o.tokenEndpoint, DIALOGFLOW_SCOPE),
      }).toString(),
    },
    'The Google token endpoint',
    'tokenEndpoint',
  );
  const token = (grant.body as { access_token?: unknown } | null)?.access_token;
  if (grant.status !== 200 || typeof token !== 'string')
    throw new ServiceError(
      'INVALID',
      `Google refused the key (HTTP ${grant.status}): ${googleError(grant.body)}.`,
      'keyFile',
    );
  const t1 = Date.now();
  const base = o.apiEndpoint.replace(/\/+$/, '');
  const url =
    `${base}/v2/projects/${encodeURIComponent(o.projectId)}/agent/sessions/` +
    `${encodeURIComponent(o.sessionId)}:detectIntent`;
  const detect = await post(
    url,
    {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ queryInput: { text: { text: o.text, languageCode: 'en-US' } } }),
    },
    'Dialogflow',
    'apiEndpoint',
  );
  if (detect.status !== 200)
    throw new ServiceError(
      'INVALID',
      `Dialogflow refused detectIntent (HTTP ${detect.status}): ${googleError(detect.body)}.`,
      detect.status === 404 || detect.status === 403 ? 'projectId' : 'apiEndpoint',
    );
  const qr = ((detect.body as { queryResult?: Record<string, unknown> } | null)?.queryResult ?? {}) as {
    queryText?: string;
    fulfillmentText?: string;
    action?: string;
    intent?: { displayName?: string };
  };
  return {
    tokenMs: t1 - t0,
    detectMs: Date.now() - t1,
    queryText: qr.queryText ?? o.text,
    fulfillmentText: qr.fulfillmentText ?? '',
    intent: qr.intent?.displayName ?? null,
    action: qr.action ?? null,
  };
}
