/** Cookie attributes the SDK writes with. */
interface CookieAttributes {
  /** Days until expiry; a session cookie when absent, an expired one when negative. */
  expires?: number;
  domain?: string;
  path?: string;
}

/** A web-storage area that never throws. */
export interface SafeArea {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

/** Every read and write of cookies and web storage goes through here. */
export interface Store {
  /** The first value of `name` the page sees. */
  cookie(name: string): string | undefined;
  /** Every value of `name` the page sees: one name can live on several domains and paths. */
  cookies(name: string): string[];
  /** Writes, then reads back: `false` when the browser did not keep the value (kept in memory then). */
  setCookie(name: string, value: string, attributes?: CookieAttributes): boolean;
  /**
   * Writes now and returns the read-back of `setCookie`, for a caller with more cookies to write
   * first: a read waits for every write before it (Chromium applies them in order), so one read
   * after all of them costs one wait instead of one per write.
   */
  writeCookie(name: string, value: string, attributes?: CookieAttributes): () => boolean;
  removeCookie(name: string, attributes?: CookieAttributes): void;
  /** Names of the cookies the page sees, once per cookie: a name set on two paths is listed twice. */
  cookieList(): string[];
  local: SafeArea;
  session: SafeArea;
}

/**
 * Web storage that falls back to memory when the browser refuses: blocked storage throws a
 * SecurityError on access, a full or private-mode storage throws QuotaExceededError on write.
 */
function createArea(getArea: () => Storage | undefined): SafeArea {
  const memory = new Map<string, string>();
  const area = () => {
    try {
      return getArea();
    } catch {
      return undefined;
    }
  };
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key)!;
      try {
        return area()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        area()!.setItem(key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        area()?.removeItem(key);
      } catch {
        // Nothing stored there that we could have written.
      }
    },
    keys() {
      const keys = new Set(memory.keys());
      try {
        const s = area();
        for (let i = 0; s && i < s.length; i++) keys.add(s.key(i)!);
      } catch {
        // Only the memory copy is visible.
      }
      return [...keys];
    },
  };
}

/**
 * The document's own cookie accessor, found on its prototype chain and called on the document.
 * `document.cookie` itself is not trusted: an element named `cookie` (`<img name="cookie">`, in
 * fetched HTML or added by a script) shadows it on the document (HTML's named properties of
 * Document), and a script can define an own property over it. Neither reaches the prototype.
 */
function cookieAccess(doc: Document | undefined): { read(): string; write(cookie: string): void } | undefined {
  let proto = doc && Object.getPrototypeOf(doc);
  let d: PropertyDescriptor | undefined;
  while (proto && !(d = Object.getOwnPropertyDescriptor(proto, 'cookie'))) proto = Object.getPrototypeOf(proto);
  const { get, set } = d ?? {};
  return get && set ? { read: () => String(get.call(doc)), write: (cookie) => set.call(doc, cookie) } : undefined;
}

/**
 * `name=value` pairs of a cookie string, values URI-decoded where they were encoded. Names are
 * taken as written: the browser checks a `__Host-` prefix on the raw name, so decoding it would
 * let a sibling subdomain's `__Host%2Dmautic_consent` pass for the record only this host can write.
 */
function parse(header: string): [string, string][] {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // Not URI-encoded by whoever wrote it.
    }
  };
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      return i < 0 ? ['', decode(pair)] : [pair.slice(0, i), decode(pair.slice(i + 1))];
    });
}

/**
 * The store for `win`. Cookie values are URI-encoded (RFC 6265 §4.1.1: no quote, comma,
 * semicolon, backslash or space in a value) and read back after each write. Writes carry `Secure`
 * on https pages only: engines ignore a Secure cookie written from an http page (RFC 6265bis,
 * Storage Model), WebKit even on loopback. `framed` is the purge page in the website's frame: on
 * https it writes `SameSite=None; Secure`, which counts in a cross-site frame; on http it writes no
 * SameSite (a cross-site frame may not write Lax ones) and, only where the browser calls the page a
 * secure context (loopback) and the first expiry did not take, tries `SameSite=None; Secure` once.
 */
export function createStore(win: Window | undefined, framed = false): Store {
  const memory = new Map<string, string>();
  const https = win?.location?.protocol === 'https:';
  const jar = cookieAccess(win?.document);
  const attributes = (a: CookieAttributes, crossSite = framed && https) => {
    let out = `; path=${a.path ?? '/'}`;
    if (a.domain) out += `; domain=${a.domain}`;
    // An expiry is `max-age=-1` (RFC 6265bis §5.6.2: zero or less expires at once): no date to build
    // for each of the hundred deletes a purge can make. Not 0: happy-dom, the unit tests' DOM, takes
    // 0 as "now" and keeps the cookie for the rest of that millisecond.
    if (a.expires) out += a.expires < 0 ? '; max-age=-1' : `; expires=${new Date(Date.now() + a.expires * 864e5).toUTCString()}`;
    if (crossSite) out += '; SameSite=None; Secure';
    else if (!framed) out += https ? '; SameSite=Lax; Secure' : '; SameSite=Lax';
    return out;
  };
  const read = (): [string, string][] => {
    try {
      return jar ? parse(jar.read()) : [];
    } catch {
      return []; // Cookies are blocked: only the memory copy is visible.
    }
  };
  const write = (cookie: string) => {
    try {
      jar!.write(cookie);
    } catch {
      // Blocked, or no document: the read-back tells.
    }
  };
  const values = (name: string) => [...(memory.has(name) ? [memory.get(name)!] : []), ...read().filter(([n]) => n === name).map(([, v]) => v)];
  const writeCookie = (name: string, value: string, a: CookieAttributes = {}) => {
    write(`${name}=${encodeURIComponent(value)}${attributes(a)}`);
    return () => {
      const kept = values(name).includes(value);
      if (kept) memory.delete(name);
      else memory.set(name, value);
      return kept;
    };
  };
  return {
    cookie: (name) => values(name)[0],
    cookies: values,
    setCookie: (name, value, a) => writeCookie(name, value, a)(),
    writeCookie,
    removeCookie(name, a = {}) {
      memory.delete(name);
      const expire = (crossSite?: boolean) => write(`${name}=${attributes({ ...a, expires: -1 }, crossSite)}`);
      if (framed && !https && win?.isSecureContext) {
        const before = values(name).length;
        expire();
        if (before && values(name).length >= before) expire(true);
      } else expire();
    },
    cookieList: () => [...memory.keys(), ...read().map(([n]) => n).filter(Boolean)],
    local: createArea(() => win?.localStorage),
    session: createArea(() => win?.sessionStorage),
  };
}
