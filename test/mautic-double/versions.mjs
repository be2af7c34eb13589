// The Mautic lines the double serves (server.configure({ version })), and our own stand-ins for
// the scripts Mautic 7 added. Facts and how far each was confirmed: README "Mautic versions".
// No Mautic code is used: each stand-in does only what Mautic's description and tests say.

/**
 * What differs between the lines. The tracking endpoints, their answers and CORS are the same on
 * every line. The split website scripts (PR #16660, merged in July 2026, after 7.1) exist from the
 * next 7.x minor on, called '7.2' here; the split focus scripts (PR #16926, still open) exist only
 * where the double's `focusSplit` is on as well.
 */
export const LINES = {
  '5.1': { splitScripts: false },
  '5.2': { splitScripts: false },
  '6.0': { splitScripts: false },
  '7.0': { splitScripts: false },
  '7.1': { splitScripts: false },
  '7.2': { splitScripts: true },
};

/** The versions browser tests run the guarantees against: the lines sites run, and 7.x with the split. */
export const VERSIONS = ['5.2', '6.0', '7.1', '7.2'];

/**
 * The pageview fields each line's own script sends, in order (mtc.js on 5.x and 6.x; mtc.js and
 * mautic-tracking.js on 7.x), before the identity and the page's own fields.
 */
export const PAGEVIEW_FIELDS = Object.fromEntries(
  Object.keys(LINES).map((version) => [
    version,
    ['page_title', 'page_language', 'preferred_locale', 'page_referrer', 'page_url', 'counter', 'timezone_offset', 'resolution', 'platform', 'do_not_track', 'timezone'],
  ]),
);

/** A path no route of the line knows falls to Mautic's landing-page catch-all: an HTML 404, no hit. */
export const notFoundPage = () => ({
  status: 404,
  headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  body: '<!doctype html><title>404 Not Found</title><h1>The requested page could not be found.</h1>',
});

/** mautic-essential.js: the anonymous runtime. It asks Mautic for nothing and keeps fallbacks. */
export const ESSENTIAL_JS = `(function () {
  var m = window.MauticJS = window.MauticJS || {};
  m.requestWithCredentials = false;
  m.trackingEnabled = false;
  m.dispatchEvent = function (name, detail) { document.dispatchEvent(new CustomEvent(name, { detail: detail })); };
  m.runtimeReady = true;
  window.essentialRuns = (window.essentialRuns || 0) + 1;
})();`;

/** mautic-tracking.js: fails closed without the runtime; otherwise tracks with credentials. */
export const trackingAddOnJs = (origin) => `(function () {
  var m = window.MauticJS;
  if (!m || m.runtimeReady !== true) return;
  m.trackingEnabled = true;
  m.requestWithCredentials = true;
  var x = new XMLHttpRequest();
  x.open('POST', ${JSON.stringify(origin)} + '/mtc/event');
  x.withCredentials = true;
  x.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
  x.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
  x.send('page_title=' + encodeURIComponent(document.title) + '&page_url=' + encodeURIComponent(location.href) + '&sent_by=mautic-tracking.js');
  if (!m.trackingActivationDispatched) {
    m.trackingActivationDispatched = true;
    m.dispatchEvent('mautic:tracking-enabled');
  }
})();`;

/**
 * /focus/{id}/display.js: shows the item (remembering the display and a close in cookies, as the
 * combined script does) with no view pixel; registers it for later activation.
 */
export const focusDisplayJs = (id, origin) => `(function () {
  var id = ${JSON.stringify(id)}, origin = ${JSON.stringify(origin)};
  var items = window.MauticFocusItems = window.MauticFocusItems || {};
  if (items[id]) return;
  var item = items[id] = { trackingEnabled: false, mounted: false, viewSent: false, loading: false };
  item.sendView = function () {
    if (!item.trackingEnabled || !item.mounted || item.viewSent) return;
    item.viewSent = true;
    new Image().src = origin + '/focus/' + id + '/viewpixel.gif';
  };
  item.loadTracking = function () {
    if (item.loading || item.trackingEnabled) return;
    item.loading = true;
    var s = document.createElement('script');
    s.src = origin + '/focus/' + id + '/tracking.js';
    s.onerror = function () { item.loading = false; };
    document.head.appendChild(s);
  };
  window.MauticFocus = window.MauticFocus || {};
  window.MauticFocus.enableTracking = function (fid) {
    var it = window.MauticFocusItems[fid];
    if (it) it.loadTracking();
    else (window.MauticFocusTrackingQueue = window.MauticFocusTrackingQueue || {})[fid] = true;
  };
  var queue = window.MauticFocusTrackingQueue;
  if (queue && queue[id]) { delete queue[id]; item.loadTracking(); }
  if (window.MauticFocusUseMauticTrackingConsent === true) {
    if (window.MauticJS && window.MauticJS.trackingEnabled === true) item.loadTracking();
    else document.addEventListener('mautic:tracking-enabled', function () { item.loadTracking(); });
  }
  if (document.cookie.indexOf('mautic_focus_' + id + '_closed=') > -1) return;
  document.cookie = 'mautic_focus_' + id + '=' + Math.floor(Date.now() / 1000) + '; expires=Fri, 31 Dec 9999 23:59:59 GMT; path=/; Secure';
  var box = document.createElement('div');
  box.className = 'mautic-focus';
  box.setAttribute('data-focus-id', id);
  box.setAttribute('data-focus-script', 'display');
  box.innerHTML = "<p>Focus item " + id + "</p><button class='mautic-focus-close'>Close</button>";
  box.querySelector('button').onclick = function () {
    document.cookie = 'mautic_focus_' + id + '_closed=1; Secure';
    box.remove();
    item.mounted = false;
  };
  document.body.appendChild(box);
  item.mounted = true;
  item.sendView();
})();`;

/** /focus/{id}/tracking.js: activates a displayed item; without one it does nothing. */
export const focusTrackingJs = (id) => `(function () {
  var item = window.MauticFocusItems && window.MauticFocusItems[${JSON.stringify(id)}];
  if (!item) return;
  item.trackingEnabled = true;
  item.loading = false;
  item.sendView();
})();`;

/**
 * /focus/{id}.js where the split exists: the legacy path keeps display and tracking in one, so it
 * carries the display runtime and activates tracking at once, adding the tracking.js <script> itself
 * (which the browser sends with Mautic-host cookies).
 */
export const focusAggregateJs = (id, origin) => `${focusDisplayJs(id, origin)}
window.MauticFocusItems[${JSON.stringify(id)}].loadTracking();`;
