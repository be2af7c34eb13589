import type { ConsentRecord } from '../types.js';
import type { Store } from '../storage/store.js';
import { CONSENT_COOKIE, HOST_CONSENT_COOKIE } from '../core/constants.js';
import { parseRecord, pickRecord, serializeRecord } from './record.js';
import { cookieDomains, cookiePaths } from '../purge/local.js';

interface RecordCookieOptions {
  /** False when the browser says cookies are off for this page (`navigator.cookieEnabled`). */
  cookiesOn: boolean;
  store: Store;
  hostname: string;
  pathname: string;
  https: boolean;
  cookieDomain: string | undefined;
  lifetime: number;
  now: () => Date;
}

export interface RecordCookie {
  /**
   * The record that counts, or `null`; `invalid` when some value of the name did not parse.
   * On https without a cookie domain, a refusal under the old unprefixed name is moved to the
   * `__Host-` name; an unprefixed grant is not, since a sibling could have written it.
   */
  read(): { record: ConsentRecord | null; invalid: boolean };
  /**
   * Expires the record everywhere it could live and writes `record`; the function it returns reads
   * it back: `false` when the page does not see it as the record that counts. A refusal that did
   * not take is then kept in localStorage, where the next page finds it. A purge runs in between:
   * a cookie read waits for every write before it, so the purge's last read covers the record's
   * writes too, and the read-back costs no wait of its own.
   */
  write(record: ConsentRecord): () => boolean;
}

/**
 * The consent record's cookie. Everything here treats cookies as untrusted input: a sibling
 * subdomain can set `mautic_consent` on the parent domain with a longer path (which the page
 * then sees first), so every value is read and the most restrictive one wins.
 */
export function createRecordCookie(o: RecordCookieOptions): RecordCookie {
  const { store } = o;
  const prefixed = o.https && !o.cookieDomain;
  const name = prefixed ? HOST_CONSENT_COOKIE : CONSENT_COOKIE;
  const parse = (raw: string) => parseRecord(raw, o.now());
  const denial = (r: ConsentRecord | null) => (r?.decision === 'denied' ? r : null);

  /** Expires the unprefixed name on every domain and path this page can reach. */
  function expireEverywhere() {
    for (const path of cookiePaths(o.pathname)) {
      for (const domain of cookieDomains(o.hostname)) store.removeCookie(CONSENT_COOKIE, { domain, path });
    }
  }

  function pick() {
    const own = prefixed ? store.cookies(HOST_CONSENT_COOKIE) : [];
    const plain = store.cookies(CONSENT_COOKIE);
    // The localStorage fallback holds a refusal whose cookie did not take. It is read where it can
    // change the outcome: beside a record cookie (a grant it must outvote), or with cookies off.
    // Without either the state is unset, which sends nothing; the first web-storage access of a
    // page is a round trip to the browser's storage (measured: about a sixth of the core's
    // start-up in Chromium), so a page that has neither does not pay for it.
    const fallback = own.length || plain.length || !o.cookiesOn ? store.local.get(CONSENT_COOKIE) : null;
    const parsed = [...own, ...plain].map(parse);
    const invalid = parsed.some((r) => !r);
    // With the prefix, an unprefixed value can only restrict; the fallback only ever holds a refusal.
    const unprefixed = plain.map(parse).map((r) => (prefixed ? denial(r) : r));
    const record = pickRecord([...own.map(parse), ...unprefixed, denial(fallback ? parse(fallback) : null)]);
    return { record, invalid, plain: plain.length > 0, values: own.length + plain.length };
  }

  function write(record: ConsentRecord): () => boolean {
    const value = serializeRecord(record);
    // Only a value this page sees can be reached from here: every Domain and Path it could be
    // expired with would make it visible. Nothing seen, nothing to expire (19 writes saved).
    if (store.cookies(CONSENT_COOKIE).length) expireEverywhere();
    if (prefixed) store.removeCookie(HOST_CONSENT_COOKIE);
    const kept = store.writeCookie(name, value, { expires: o.lifetime, domain: o.cookieDomain });
    return () => {
      // The new decision replaces an earlier fallback, whichever way it went. Web storage waits
      // until here: its first access is a round trip, made while the browser applies the writes.
      store.local.remove(CONSENT_COOKIE);
      const stored = kept();
      const back = pick().record;
      const ok = stored && !!back && serializeRecord(back) === value;
      if (!ok && record.decision === 'denied') store.local.set(CONSENT_COOKIE, value);
      return ok;
    };
  }

  return {
    read() {
      const seen = pick();
      if (prefixed && seen.plain) {
        // Migration: the old name goes; a refusal it held lives on under the new one, and the
        // stored record is the one this page goes by.
        if (seen.record) write(seen.record)();
        else expireEverywhere();
      } else if (seen.values > 1 && seen.record?.decision === 'denied') {
        // A refusal beside other values (a tossed grant, say): the refusal is rewritten, the rest expire.
        write(seen.record)();
      }
      return { record: seen.record, invalid: seen.invalid };
    },
    write,
  };
}
