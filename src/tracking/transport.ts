import { CONTACT_KEY, DEVICE_KEY } from '../core/constants.js';

/** Parameters of one request, in the order they are serialised. */
export type Params = Record<string, string>;

export interface Transport {
  /**
   * `POST {mautic}{path}`, form-encoded (or multipart for a FormData) with `X-Requested-With`,
   * the only way to get CORS headers from Mautic. Resolves to the response, or
   * rejects on a network or CORS failure and on abort.
   */
  post(path: string, body: Params | FormData, essential?: boolean): Promise<Response>;
  /** `GET {mautic}{path}?{params}` with `X-Requested-With`, readable through CORS. */
  get(path: string, params: Params, essential?: boolean): Promise<Response>;
  /** `GET {mautic}{path}?{params}` as a no-cors request whose answer is never read (the pixel). */
  pixel(path: string, params: Params): Promise<unknown>;
  /** Aborts every request in flight. */
  abort(): void;
}

/** Parameters that tie a request to a person: never sent without consent. */
const IDENTIFIERS = [DEVICE_KEY, CONTACT_KEY, 'ct'];
const XHR = { 'X-Requested-With': 'XMLHttpRequest' };

/**
 * The single network exit to Mautic. Every request goes with `credentials: 'omit'`, so the
 * browser neither sends Mautic-host cookies nor stores the ones Mautic answers with (Fetch
 * standard, "HTTP-network-or-cache fetch", steps on credentials mode); identity travels only as
 * the `mautic_device_id` parameter (no third-party cookies). Without consent only `essential`
 * requests (kiosk-style embeds: forms, assets) go out, and never with an identifier.
 */
export function createTransport(
  base: string,
  isGranted: () => boolean,
  fetchImpl: typeof fetch | undefined,
): Transport {
  const inFlight = new Set<AbortController>();

  function request(path: string, data: Params | FormData, init: RequestInit, essential?: boolean): Promise<Response> {
    if (!base || !fetchImpl) return Promise.reject(new Error('no Mautic URL'));
    const granted = isGranted();
    if (!granted && !essential) return Promise.reject(new Error('no consent'));
    let body: FormData | URLSearchParams;
    if (data instanceof FormData) {
      if (!granted) IDENTIFIERS.forEach((key) => data.delete(key));
      body = data;
    } else body = new URLSearchParams(granted ? data : withoutIdentifiers(data));
    const get = init.method === 'GET';
    const controller = new AbortController();
    inFlight.add(controller);
    const done = () => inFlight.delete(controller);
    const query = get ? String(body) : '';
    const url = base + path + (query ? (path.includes('?') ? '&' : '?') + query : '');
    const promise = fetchImpl(url, { ...init, body: get ? undefined : body, credentials: 'omit', signal: controller.signal });
    promise.then(done, done);
    return promise;
  }

  return {
    post: (path, body, essential) => request(path, body, { method: 'POST', mode: 'cors', headers: XHR }, essential),
    get: (path, params, essential) => request(path, params, { method: 'GET', mode: 'cors', headers: XHR }, essential),
    pixel: (path, params) => request(path, params, { method: 'GET', mode: 'no-cors', keepalive: true }),
    abort() {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    },
  };
}

/** `params` without the keys that identify a person. */
function withoutIdentifiers(params: Params): Params {
  const out: Params = {};
  for (const key in params) if (!IDENTIFIERS.includes(key)) out[key] = params[key];
  return out;
}
