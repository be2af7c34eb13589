import type { PurgeReport, Win } from '../types.js';
import type { Store } from '../storage/store.js';
import { FULL_TEXT, type Warn } from '../core/log.js';
import type { RecordSteps } from '../consent/decisions.js';
import { mauticHostLeftovers, purge, tidyReport } from './local.js';
import { purgeMauticHost } from './frame.js';

export interface PurgeRequest {
  win: Win | undefined;
  store: Store;
  /** Cookie and storage names to delete on top of Mautic's. */
  extra: readonly string[];
  /** The Mautic host, whose own cookies the website cannot reach. */
  mauticHost: string;
  /** The purge page on the Mautic host, asked only for a decision made on this page (`ask`). */
  purgePageUrl: string | undefined;
  ask: boolean;
  /**
   * The consent record of the refusal. It is written after the purge's first cookie read (a read
   * with no write before it is served from the browser's cache, so that one costs no wait) and
   * read back after the deletions, whose check already waited for its writes; `left` is what was
   * not stored of it.
   */
  record: RecordSteps;
  warn: Warn;
  /** Told the report as soon as it is made (before the promise settles): the `purge` event. */
  done(report: PurgeReport): void;
}

const NOT_SEEN = 'not seen by the purge page: absent, SameSite=Lax, or third-party cookies blocked';

/**
 * Deletes what the website can reach, then, when asked, what the purge page on the Mautic host
 * can, and merges both into one report: a Mautic-host cookie the page deleted is not also listed
 * as left, and one it did not see is left with the reason why.
 */
export async function purgeEverywhere(r: PurgeRequest): Promise<PurgeReport> {
  const location = r.win?.location;
  const hostname = location?.hostname ?? '';
  const { deleted, unreachable } = purge({ store: r.store, hostname, pathname: location?.pathname ?? '/', extra: r.extra, write: r.record.write });
  const left = r.record.left();
  let leftovers = mauticHostLeftovers(hostname, r.mauticHost, 'host-only on the Mautic host; set by mtc.js, email links or asset downloads');
  if (r.ask && r.win && r.purgePageUrl) {
    // A purge page that could not be asked counts as one that did not answer: its cookies are listed.
    const remote = await purgeMauticHost(r.win, r.purgePageUrl).catch(() => null);
    if (remote) {
      deleted.push(...remote.deleted);
      const gone = (name: string) =>
        remote.deleted.some((item) => (name.endsWith('*') ? item.name.startsWith(name.slice(0, -1)) : item.name === name));
      leftovers = leftovers
        .filter((item) => !gone(item.name))
        .map((item) => (item.name.startsWith('session') ? item : { ...item, reason: NOT_SEEN }))
        .concat(remote.unreachable);
    } else {
      r.warn('purge-page', FULL_TEXT ? `${r.purgePageUrl} did not answer; Mautic-host cookies stay.` : `${r.purgePageUrl} no answer`, 'w-purge-page');
      leftovers = mauticHostLeftovers(hostname, r.mauticHost, 'the purge page did not answer');
    }
  }
  const report = tidyReport(deleted, [...unreachable, ...left, ...leftovers]);
  r.done(report);
  return report;
}
