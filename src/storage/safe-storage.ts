import Cookies from 'js-cookie';

/** Cookie attributes the SDK writes with. */
export interface CookieAttributes {
  /** Days until expiry; a session cookie when absent. */
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
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, attributes?: CookieAttributes): void;
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
 * The store for `win`. Cookies go through js-cookie (RFC 6265 quoting and decoding); writes are
 * `SameSite=Lax`, and `Secure` on https pages only, because Chromium silently drops a Secure
 * cookie written from a plain-http page (RFC 6265bis §5.6, step 13). In a cross-site frame (the
 * Mautic-host purge page) writes must be `SameSite=None; Secure` or the browser ignores them.
 */
export function createStore(win: Window | undefined, crossSite = false): Store {
  const memory = new Map<string, string>();
  const secure = crossSite || win?.location?.protocol === 'https:';
  const hasDocument = !!win?.document;
  const attrs = (a: CookieAttributes = {}) => ({ path: '/', sameSite: crossSite ? ('None' as const) : ('Lax' as const), secure, ...a });
  return {
    cookie(name) {
      if (memory.has(name)) return memory.get(name);
      try {
        return hasDocument ? Cookies.get(name) : undefined;
      } catch {
        return undefined;
      }
    },
    setCookie(name, value, a) {
      try {
        if (!hasDocument) throw 0;
        Cookies.set(name, value, attrs(a));
        memory.delete(name);
      } catch {
        memory.set(name, value);
      }
    },
    removeCookie(name, a) {
      memory.delete(name);
      try {
        if (hasDocument) Cookies.remove(name, attrs(a));
      } catch {
        // Cookies are blocked: there is nothing to remove.
      }
    },
    cookieList() {
      const names = [...memory.keys()];
      try {
        for (const pair of (hasDocument ? win!.document.cookie : '').split(';')) {
          const name = pair.split('=')[0].trim();
          if (!name) continue;
          try {
            names.push(decodeURIComponent(name));
          } catch {
            names.push(name); // Not URI-encoded by whoever wrote it.
          }
        }
      } catch {
        // Cookies are blocked: only the memory copy is visible.
      }
      return names;
    },
    local: createArea(() => win?.localStorage),
    session: createArea(() => win?.sessionStorage),
  };
}
