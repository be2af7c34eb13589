import { CONTACT_KEY, DEVICE_KEY } from '../constants.js';

/** Parameters of one request, in the order they are serialised. */
export type Params = Record<string, string>;

export interface Transport {
  /**
   * `POST {mautic}{path}`, form-encoded with `X-Requested-With` (the only way to get CORS headers
   * from Mautic, protocol §3.0). Resolves to the response, or rejects on a network or CORS
   * failure and on abort.
   */
  post(path: string, params: Params, essential?: boolean): Promise<Response>;
  /** `GET {mautic}{path}?{params}` as a no-cors request whose answer is never read (the pixel). */
  pixel(path: string, params: Params): Promise<unknown>;
  /** Aborts every request in flight. */
  abort(): void;
}

/** Parameters that tie a request to a person: never sent without consent. */
const IDENTIFIERS = [DEVICE_KEY, CONTACT_KEY, 'ct'];

/**
 * The single network exit to Mautic. Every request goes with `credentials: 'omit'`, so the
 * browser neither sends Mautic-host cookies nor stores the ones Mautic answers with (Fetch
 * standard, "HTTP-network-or-cache fetch", steps on credentials mode); identity travels only as
 * the `mautic_device_id` parameter (SPEC.md guarantee 4). Without consent only `essential`
 * requests (kiosk-mode embeds) go out, and never with an identifier.
 */
export function createTransport(
  base: string,
  isGranted: () => boolean,
  fetchImpl: typeof fetch | undefined,
): Transport {
  const inFlight = new Set<AbortController>();

  function request(path: string, params: Params, init: RequestInit, essential?: boolean): Promise<Response> {
    if (!base || !fetchImpl) return Promise.reject(new Error('no Mautic URL'));
    if (!isGranted()) {
      if (!essential) return Promise.reject(new Error('no consent'));
      params = withoutIdentifiers(params);
    }
    const body = new URLSearchParams(params);
    const get = init.method === 'GET';
    const controller = new AbortController();
    inFlight.add(controller);
    const done = () => inFlight.delete(controller);
    const url = base + path + (get ? '?' + body : '');
    const promise = fetchImpl(url, { ...init, body: get ? undefined : body, credentials: 'omit', signal: controller.signal });
    promise.then(done, done);
    return promise;
  }

  return {
    post: (path, params, essential) =>
      request(path, params, { method: 'POST', mode: 'cors', headers: { 'X-Requested-With': 'XMLHttpRequest' } }, essential),
    pixel: (path, params) => request(path, params, { method: 'GET', mode: 'no-cors', keepalive: true }),
    abort() {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    },
  };
}

/** `params` without the keys that identify a person. */
export function withoutIdentifiers(params: Params): Params {
  const out: Params = {};
  for (const key in params) if (!IDENTIFIERS.includes(key)) out[key] = params[key];
  return out;
}
