import type { PurgeItem, PurgeReport } from '../types.js';
import type { Store } from '../storage/store.js';
import { CONSENT_COOKIE, HOST_CONSENT_COOKIE } from '../core/constants.js';
import { FULL_TEXT } from '../core/log.js';

/** Cookie names Mautic and mtc.js write (`mtc_sid` from Mautic ≤ 4). */
const NAMES = ['mtc_id', 'mtc_sid', 'mautic_device_id', 'mautic_referer_id', 'mautic_session_id'];
/** Name prefixes of the per-item cookies (focus items, focus bars, gated videos, A/B pages). */
const PREFIXES = ['mautic_focus_', 'mf-bar-collapser-', 'mautic-player-', 'mautic_page_'];
/** The consent record (and its localStorage fallback) is never purged: the refusal must outlive the purge. */
const isRecord = (name: string) => name === CONSENT_COOKIE || name === HOST_CONSENT_COOKIE;
/** Storage keys: mtc.js's own and anything in its namespaces. */
const isStorageKey = (key: string) => /^(mautic|mtc_)/.test(key) && !isRecord(key);
/** Mautic's shortest own prefix (`mtc_`): a shorter one would take the site's own names with it. */
const MIN_PREFIX = 4;

/**
 * Why `name` cannot be an extra purge name, or `undefined` when it can: a cookie-name token
 * (RFC 6265 §4.1.1) with at most a trailing `*`, no bare `*`, no prefix shorter than Mautic's
 * own, and not the consent record.
 */
export function purgeNameProblem(name: string): string | undefined {
  const base = name.endsWith('*') ? name.slice(0, -1) : name;
  // The reasons are for the warning's sentence, which only the debug build prints.
  if (!/^[\w!#$%&'+.^`|~-]+$/.test(base)) return FULL_TEXT ? (base ? 'is not a name or name*' : 'would match every cookie') : '!';
  if (base !== name && base.length < MIN_PREFIX) return FULL_TEXT ? "is a prefix too short to be Mautic's" : '!';
  if (isRecord(base)) return FULL_TEXT ? 'is the consent record' : '!';
}

/** Turns configured names into a matcher; a trailing `*` makes a prefix. Unfit names are dropped. */
function matcher(extra: readonly string[]) {
  const exact = new Set(NAMES);
  const prefixes = [...PREFIXES];
  for (const name of extra) {
    if (purgeNameProblem(name)) continue;
    if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return { match: (name: string) => !isRecord(name) && (exact.has(name) || prefixes.some((p) => name.startsWith(p))) };
}

/**
 * A report as the visitor should read it: each item once, and an item that is deleted is not
 * also unreachable (the purge page and the website can name the same cookie).
 */
export function tidyReport(deleted: PurgeItem[], unreachable: PurgeItem[]): PurgeReport {
  const key = (i: PurgeItem) => `${i.kind} ${i.name} ${i.where ?? ''}`;
  const seen = new Set<string>();
  const once = (items: PurgeItem[]) => Object.freeze(items.filter((i) => !seen.has(key(i)) && !!seen.add(key(i))));
  return Object.freeze({ deleted: once(deleted), unreachable: once(unreachable) });
}

/**
 * Every Domain attribute a cookie visible here can carry: host-only (`undefined`) and each
 * parent of the host down to two labels (RFC 6265bis §5.6 step 9 rejects public suffixes and a
 * browser rejects a bare TLD anyway).
 */
export function cookieDomains(hostname: string): (string | undefined)[] {
  const labels = hostname.split('.');
  const domains: (string | undefined)[] = [undefined];
  if (/^[\d.]+$|:/.test(hostname)) return domains; // IP addresses have no parents.
  for (let i = 0; i < labels.length - 1; i++) domains.push(labels.slice(i).join('.'));
  return domains;
}

/**
 * Every Path attribute a cookie visible at `pathname` can carry: each prefix of the path, with
 * and without its trailing slash (not `pathname + '/'`, which does not path-match it), because a
 * cookie written without Path gets the page's directory (RFC 6265bis §5.1.4) and the path of a
 * delete must match exactly.
 */
export function cookiePaths(pathname: string): string[] {
  const paths = new Set(['/']);
  const parts = pathname.split('/').filter(Boolean);
  let path = '';
  for (const part of parts) {
    path += '/' + part;
    paths.add(path);
    if (path !== pathname) paths.add(path + '/');
  }
  return [...paths];
}

/** How many cookies of each name the page sees right now (duplicates come from other paths). */
function counts(store: Store): Map<string, number> {
  const seen = new Map<string, number>();
  for (const name of store.cookieList()) seen.set(name, (seen.get(name) ?? 0) + 1);
  return seen;
}

export interface PurgeContext {
  store: Store;
  hostname: string;
  pathname: string;
  /** Names to delete on top of Mautic's. */
  extra: readonly string[];
  /** The caller's own cookie writes (the consent record), made after the first read and before the deletions. */
  write?(): void;
}

/**
 * Deletes every Mautic-owned cookie and storage entry the page can reach, and lists what it
 * cannot. Each visible name is expired under every domain × path pair it could have been written
 * with until none is left, since a cookie's domain and path cannot be read back (RFC 6265bis §5.7).
 */
export function purge(ctx: PurgeContext): { deleted: PurgeItem[]; unreachable: PurgeItem[] } {
  const { store, hostname } = ctx;
  const { match } = matcher(ctx.extra);
  const deleted: PurgeItem[] = [];
  const unreachable: PurgeItem[] = [];
  // Path outside, '/' first, host-only first: where mtc.js and Mautic put nearly everything, so
  // most names go with the first try. Reads are what cost: Chromium queues each write in its
  // cookie store and the next read of document.cookie waits for all of them, so each try expires
  // every name still visible, then reads once.
  const tries = cookiePaths(ctx.pathname).flatMap((path) => cookieDomains(hostname).map((domain) => ({ domain, path })));
  // A cookie this page cannot see is out of its reach as well: every Domain and Path it could
  // be deleted with would make it visible here. So only visible names are tried.
  const left = new Map([...counts(store)].filter(([name]) => match(name)));
  ctx.write?.();
  for (let i = 0; i < tries.length; i++) {
    const { domain, path } = tries[i];
    for (const name of left.keys()) store.removeCookie(name, tries[i]);
    // On the first try, storage goes while the browser applies the writes, before the read that
    // waits for them (the first sessionStorage access is a round trip of its own).
    for (const [kind, area] of i ? [] : ([['localStorage', store.local], ['sessionStorage', store.session]] as const)) {
      for (const key of area.keys()) {
        if (!isStorageKey(key) && !match(key)) continue;
        area.remove(key);
        (area.get(key) === null ? deleted : unreachable).push({ name: key, kind, where: kind });
      }
    }
    if (!left.size) break;
    const now = counts(store);
    for (const [name, before] of left) {
      const after = now.get(name) ?? 0;
      if (after < before) deleted.push({ name, kind: 'cookie', where: (domain ? '.' + domain : hostname) + path });
      if (after) left.set(name, after);
      else left.delete(name);
    }
  }
  for (const name of left.keys()) unreachable.push({ name, kind: 'cookie', where: hostname, reason: 'still present' });
  return { deleted, unreachable };
}

/** Cookies the Mautic server sets on its own host, out of reach of another host. */
export const MAUTIC_HOST_COOKIES = ['mautic_device_id', 'mtc_id', 'mautic_referer_id', 'mautic_page_*', 'mtc_sid', 'mautic_session_id'];

/**
 * What the website cannot delete on the Mautic host: its host-only cookies when
 * Mautic runs elsewhere, and the HttpOnly PHP session cookie (32 hex characters) even on the
 * same host. This SDK never causes any of them (every request omits credentials); mtc.js, email
 * clicks, asset links and Mautic landing pages do.
 */
export function mauticHostLeftovers(hostname: string, mauticHost: string, reason: string): PurgeItem[] {
  if (!mauticHost) return [];
  const names = mauticHost === hostname ? [] : MAUTIC_HOST_COOKIES;
  return [...names, 'session cookie (32 hex characters, HttpOnly)'].map((name) => ({
    name,
    kind: 'cookie',
    where: mauticHost,
    reason: name.startsWith('session') ? 'HttpOnly: no script can delete it' : reason,
  }));
}
