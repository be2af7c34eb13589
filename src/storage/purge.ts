import type { PurgeItem, PurgeReport } from '../types.js';
import type { Store } from './safe-storage.js';

/** Cookie names Mautic and mtc.js write (protocol §2.1, §2.2; `mtc_sid` from Mautic ≤ 4). */
const NAMES = ['mtc_id', 'mtc_sid', 'mautic_device_id', 'mautic_referer_id', 'mautic_session_id'];
/** Name prefixes of the per-item cookies (focus items, focus bars, gated videos, A/B pages). */
const PREFIXES = ['mautic_focus_', 'mf-bar-collapser-', 'mautic-player-', 'mautic_page_'];
/** Storage keys: mtc.js's own (protocol §2.3) and anything in its namespaces. */
const isStorageKey = (key: string) => /^(mautic|mtc_)/.test(key) || key === 'mtc_id';

/** Turns configured names into a matcher; a trailing `*` makes a prefix. */
function matcher(extra: readonly string[]) {
  const exact = new Set(NAMES);
  const prefixes = [...PREFIXES];
  for (const name of extra) {
    if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return { exact, match: (name: string) => exact.has(name) || prefixes.some((p) => name.startsWith(p)) };
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
 * and without its trailing slash, because a cookie written without Path gets the page's
 * directory (RFC 6265bis §5.1.4) and the path of a delete must match exactly.
 */
export function cookiePaths(pathname: string): string[] {
  const paths = new Set(['/']);
  const parts = pathname.split('/').filter(Boolean);
  let path = '';
  for (const part of parts) {
    path += '/' + part;
    paths.add(path);
    paths.add(path + '/');
  }
  return [...paths];
}

/** How many cookies of this name the page sees right now (duplicates come from other paths). */
const count = (store: Store, name: string) => store.cookieList().filter((n) => n === name).length;

export interface PurgeContext {
  store: Store;
  hostname: string;
  pathname: string;
  /** Names to delete on top of Mautic's. */
  extra: readonly string[];
  /** Host of the Mautic server, to report what lives there. */
  mauticHost: string;
}

/**
 * Deletes every Mautic-owned cookie and storage entry the page can reach, and lists what it
 * cannot. Each name is expired under every domain × path pair it could have been written with,
 * since a cookie's domain and path cannot be read back (RFC 6265bis §5.7).
 */
export function purge(ctx: PurgeContext): PurgeReport {
  const { store, hostname } = ctx;
  const { exact, match } = matcher(ctx.extra);
  const deleted: PurgeItem[] = [];
  const unreachable: PurgeItem[] = [];
  const names = new Set([...exact, ...store.cookieList().filter(match)]);
  const domains = cookieDomains(hostname);
  const paths = cookiePaths(ctx.pathname);

  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        const before = count(store, name);
        store.removeCookie(name, { domain, path });
        if (count(store, name) < before) deleted.push({ name, kind: 'cookie', where: (domain ? '.' + domain : hostname) + path });
      }
    }
    if (count(store, name)) unreachable.push({ name, kind: 'cookie', where: hostname, reason: 'still present' });
  }

  for (const [kind, area] of [['localStorage', store.local], ['sessionStorage', store.session]] as const) {
    for (const key of area.keys()) {
      if (!isStorageKey(key) && !match(key)) continue;
      area.remove(key);
      (area.get(key) === null ? deleted : unreachable).push({ name: key, kind, where: kind });
    }
  }

  if (ctx.mauticHost && ctx.mauticHost !== hostname) {
    for (const name of ['mautic_device_id', 'mtc_id', 'mautic_referer_id', 'mautic_page_*', 'mtc_sid', 'mautic_session_id']) {
      unreachable.push({
        name,
        kind: 'cookie',
        where: ctx.mauticHost,
        reason: 'host-only on the Mautic host (set by mtc.js, email links or asset downloads)',
      });
    }
  }
  return Object.freeze({ deleted: Object.freeze(deleted), unreachable: Object.freeze(unreachable) });
}
