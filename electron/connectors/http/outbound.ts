/**
 * The one way main makes an outbound HTTP(S) request to a server outside the console (OpenID
 * discovery, Microsoft identity platform and Graph, Genesys Cloud, Google, remote response-file
 * sources). Every such call goes through `outboundFetch` so that the System Parameters proxy
 * setting (HTTP/HTTPS or SOCKS, with its bypass list) applies to all of them in one place.
 *
 * Same signature as the global fetch. The proxy wiring lives in this folder; callers never pick a
 * dispatcher themselves.
 */
export function outboundFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  return fetch(input, init);
}
