import type { ConsentRecord, Win } from '../types.js';

/** What a consent receipt holds: the record and where it was given; nothing about the person. */
export interface ConsentReceipt {
  readonly recordId: string;
  readonly version: number;
  readonly decision: ConsentRecord['decision'];
  readonly source: ConsentRecord['source'];
  readonly decidedAt: string;
  readonly updatedAt: string;
  readonly revision: number;
  readonly signals: ConsentRecord['signals'];
  /** Origin and path of the page, without query or fragment (they can carry identifiers). */
  readonly page: string;
}

/**
 * Sends a receipt of an explicit decision to the site's consent log: `POST` with `keepalive` (it
 * survives the navigation that often follows a click), credentials omitted, and a `text/plain`
 * JSON body, which keeps it a CORS "simple request" with no preflight (Fetch §3.2.3).
 */
export function sendReceipt(win: Win, url: string, record: ConsentRecord): void {
  const receipt: ConsentReceipt = {
    recordId: record.id,
    version: record.version,
    decision: record.decision,
    source: record.source,
    decidedAt: record.decidedAt,
    updatedAt: record.updatedAt,
    revision: record.revision,
    signals: record.signals,
    page: win.location.origin + win.location.pathname,
  };
  win
    .fetch(url, {
      method: 'POST',
      body: JSON.stringify(receipt),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      keepalive: true,
      mode: 'cors',
    })
    .catch(() => {
      // A log that is down must not cost the visitor anything; the record itself is stored.
    });
}
