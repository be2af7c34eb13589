/** Prefix of every attribute the SDK reads from the page. */
export const ATTR_PREFIX = 'data-mautic-';
/**
 * Set by the SDK on each element whose content it fetched from Mautic (a form's or a slot's host):
 * nothing below it is page markup, so no `data-mautic-*` attribute there is acted on.
 */
export const EMBED_MARK = `${ATTR_PREFIX}embed`;
/** First-party cookie holding the consent record. */
export const CONSENT_COOKIE = 'mautic_consent';
/**
 * The record's name on https without a configured cookie domain: a browser takes a `__Host-`
 * cookie only with `Secure`, `Path=/` and no `Domain` (RFC 6265bis, cookie name prefixes), so no
 * sibling subdomain can toss one onto this host.
 */
export const HOST_CONSENT_COOKIE = `__Host-${CONSENT_COOKIE}`;
/** Version of the serialised consent record; a record of another version is ignored. */
export const RECORD_VERSION = 1;
export const DEFAULT_LIFETIME_DAYS = 180;
/** Chromium caps cookie lifetimes at 400 days (RFC 6265bis §5.6), so a longer one is a mistake. */
export const MAX_LIFETIME_DAYS = 400;
/** Identity keys mtc.js keeps in cookies and localStorage on the website. */
export const CONTACT_KEY = 'mtc_id';
export const DEVICE_KEY = 'mautic_device_id';
/**
 * sessionStorage key, written only with consent, saying that `/mtc/event` failed in this tab's
 * session (Mautic down or not allowing the site by CORS): later pages send only the pixel, one
 * request per pageview. Under the `mautic*` keys a purge deletes.
 */
export const PIXEL_MODE_KEY = 'mautic_consent_pixel';
/** Pageviews kept in memory while no decision is made; older ones are dropped first. */
export const QUEUE_LIMIT = 20;
/** Name of the loader's queue function when the page does not set `MauticTrackingObject`. */
export const DEFAULT_TRACKING_OBJECT = 'mt';
export const EVENT_DELIVERED = 'mauticPageEventDelivered';
export const EVENT_QUEUED = 'eventAddedToMauticQueue';
export const LOG_PREFIX = '[mautic-consent]';
