// A test double of the Mautic server and of the website that embeds the SDK, on one node:http
// server. Which one answers is decided by the Host header: a host whose first label is `m` or
// `mautic` (m.shop.test, mautic.other.test, m.shop.localhost, …) is Mautic; any other is the
// website. Every behaviour of the Mautic side is written from what a real Mautic server does
// (its routes, headers, cookies and CORS rule), stated beside each. No Mautic code is used.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAUTIC_FORM_SCRIPT, escapeHtml, formDefinition, formFixture, generateScript, messengerPage, successKeys, validateSubmission } from './forms/index.mjs';
import { LINES, ESSENTIAL_JS, focusAggregateJs, focusDisplayJs, focusTrackingJs, notFoundPage, trackingAddOnJs } from './versions.mjs';

export { LINES, VERSIONS, PAGEVIEW_FIELDS } from './versions.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Folders the website serves from the repository. */
const STATIC = ['/dist/', '/test/e2e/pages/', '/examples/', '/gtm/'];
/** Packages whose dist files the website serves under /vendor/{package}/ (peers used by examples and tests). */
const VENDOR = { 'vanilla-cookieconsent': 'dist', 'axe-core': '', klaro: 'dist' };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
};
/**
 * Mautic's tracking pixel: a 43-byte transparent 1×1 GIF, assembled here from the GIF89a
 * format: header, screen 1×1 with a 2-colour table (black, white), a graphic-control extension
 * making colour 0 transparent, an image descriptor, the LZW data (code size 2; clear, 0, end) and
 * the trailer.
 */
const GIF = Buffer.from(
  [
    '474946383961', // "GIF89a"
    '01000100800000', // 1×1, global colour table of 2 entries
    '000000ffffff', // black, white
    '21f9040100000000', // graphic control: colour 0 is transparent
    '2c000000000100010000', // image at 0,0, 1×1
    '0202440100', // LZW code size 2, one 2-byte block (clear, 0, end), block terminator
    '3b', // trailer
  ].join(''),
  'hex',
);
const PIXEL_HEADERS = {
  'Content-Type': 'image/gif',
  'Content-Length': String(GIF.length),
  'Cache-Control': 'private, no-cache, no-cache=Set-Cookie, proxy-revalidate',
  Expires: 'Wed, 11 Jan 2000 12:59:00 GMT',
  'Last-Modified': 'Wed, 11 Jan 2006 12:59:00 GMT',
  Pragma: 'no-cache',
  // Not a real coding; Chromium passes unknown codings through, so the image still decodes.
  'Content-Encoding': 'none',
  Connection: 'close', // sent on HTTP/1.1
};
/** The pixel answers GET with the GIF; any other method gets a single space and Symfony's default headers. */
const pixel = (method, cookies) =>
  method === 'GET'
    ? { status: 200, headers: { ...PIXEL_HEADERS, 'Set-Cookie': cookies }, body: GIF }
    : { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Set-Cookie': cookies }, body: ' ' };

const isMauticHost = (host) => /^(m|mautic)\./.test(host);

/** Forms the double publishes (id → definition). Form 4 is in Mautic's kiosk mode. */
const FORMS = {
  3: {
    name: 'newsletter',
    kiosk: false,
    successMessage: 'Thank you, you are subscribed.',
    fields: [
      { alias: 'email', type: 'email', label: 'Email', required: true, message: 'Please enter your email.' },
      { alias: 'firstname', type: 'text', label: 'First name' },
      { alias: 'topics', type: 'checkboxgrp', label: 'Topics', options: ['news', 'offers'] },
    ],
  },
  4: {
    name: 'contest',
    kiosk: true,
    successMessage: 'Good luck!',
    fields: [{ alias: 'email', type: 'email', label: 'Email', required: true, message: 'Email is required.' }],
  },
  // A compromised Mautic (or a marketer's custom HTML field): markup that names itself `cookie`,
  // which shadows document.cookie wherever it lands in the page's document.
  66: {
    name: 'hostile',
    kiosk: true,
    successMessage: 'Thanks.',
    fields: [{ alias: 'email', type: 'email', label: 'Email' }],
    extra: '<img name="cookie" alt="" src="data:,"><form name="cookie"></form>',
  },
};
/** Assets (id → file). `.txt` is not in streamed_extensions, so it comes as an attachment. */
const ASSETS = { 3: { alias: 'guide', file: 'guide.txt', type: 'text/plain', body: 'The mautic-consent guide.\n' } };
/** Dynamic-content slots: personalised for a known contact, none for a stranger. */
const SLOTS = { hero: (contactId) => `<p class="dwc-hero">Welcome back, contact #${contactId}!</p><script>window.dwcScriptRan = true</script>` };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * A form's HTML as /form/embed/{id} renders it: the structure and class names of Mautic's
 * Builder/form.html.twig and the field templates, written here from those facts.
 * Two things Mautic's embed would not contain are added on purpose, a <script> and an inline
 * `onfocus` handler, so tests can prove the SDK inserts fetched HTML without running anything.
 */
function formHtml(origin, id, form) {
  const fn = `_${form.name}`;
  const rows = form.fields.map((f, i) => {
    const cls = `mauticform-row mauticform-${f.type === 'email' ? 'email' : f.type} mauticform-field-${i + 1}${f.required ? ' mauticform-required' : ''}`;
    const validate = f.required ? ` data-validate="${f.alias}" data-validation-type="${f.type}"` : '';
    const label = `<label id="mauticform_label${fn}_${f.alias}" for="mauticform_input${fn}_${f.alias}" class="mauticform-label">${esc(f.label)}</label>`;
    const input =
      f.type === 'checkboxgrp'
        ? `<div class="mauticform-checkboxgrp-row">${f.options.map((o, j) => `<label class="mauticform-checkboxgrp-label"><input type="checkbox" name="mauticform[${f.alias}][]" id="mauticform_checkboxgrp_checkbox_${f.alias}_${j}" value="${o}" class="mauticform-checkboxgrp-checkbox">${o}</label>`).join('')}</div>`
        : `<input type="${f.type}" name="mauticform[${f.alias}]" value="" id="mauticform_input${fn}_${f.alias}" class="mauticform-input" onfocus="this.dataset.touched=1" />`;
    return `<div id="mauticform${fn}_${f.alias}"${validate} class="${cls}">${label}${input}<span class="mauticform-errormsg" style="display:none;">${esc(f.message ?? '')}</span></div>`;
  });
  return `<style type="text/css" scoped>.mauticform-field-hidden { display:none }</style>
<div id="mauticform_wrapper${fn}" class="mauticform_wrapper">
<form autocomplete="false" role="form" method="post" action="${origin}/form/submit?formId=${id}" id="mauticform${fn}" data-mautic-form="${form.name}" enctype="multipart/form-data">
<div class="mauticform-error" id="mauticform${fn}_error"></div><div class="mauticform-message" id="mauticform${fn}_message"></div>
<div class="mauticform-innerform"><div class="mauticform-page-wrapper mauticform-page-1" data-mautic-form-page="1">
${rows.join('\n')}
<div id="mauticform${fn}_submit" class="mauticform-row mauticform-button-wrapper"><button type="submit" name="mauticform[submit]" id="mauticform_input${fn}_submit" value="" class="mauticform-button btn btn-default">Submit</button></div>
</div></div>
<input type="hidden" name="mauticform[formId]" id="mauticform${fn}_id" value="${id}"/>
<input type="hidden" name="mauticform[return]" id="mauticform${fn}_return" value=""/>
<input type="hidden" name="mauticform[formName]" id="mauticform${fn}_name" value="${form.name}"/>
<script>document.title = 'form script ran'</script>
</form>${form.extra ?? ''}</div>`;
}

function defaults(port, httpsPort) {
  return {
    // The double's default is a Mautic whose CORS allow-list names the test websites; set [] for
    // Mautic's factory default, where no origin passes (its cors_valid_domains setting).
    corsOrigins: ['www.shop.test', 'shop.test', 'www.shop.localhost', 'shop.localhost'].flatMap((h) => [`http://${h}:${port}`, `https://${h}:${httpsPort}`]),
    cookieSecure: true, // cookie_secure
    cookieDomain: '', // cookie_domain: empty = host-only
    mode: 'normal', // normal | html | error | badjson | slow | hang (hostile-server tests)
    slowMs: 5000,
    // Origins written into the purge page's data-allowed-origins when the double serves it.
    purgeOrigins: null, // null = the same as corsOrigins
    // Which Mautic line answers (versions.mjs LINES, README "Mautic versions"): '5.1' is the one
    // the double was written from; '5.2', '6.0', '7.0', '7.1' and '7.2' (7.x with the split scripts).
    version: '5.1',
    // The split focus scripts of Mautic PR #16926 (/focus/{id}/display.js and /tracking.js), still
    // open: on by choice, and only where the line has the split scripts.
    focusSplit: false,
    // A compromised Mautic or a marketer's custom HTML (hostile-content tests): HTML served as
    // /form/embed/{id} for these ids, as /dwc/{slot} content for these slots, and as every form's
    // success message. Placeholders such as {{MAUTIC}} are filled in as in pages.
    hostile: { forms: {}, slots: {}, successMessage: null },
  };
}

/** Exact match or a shell-style `*` wildcard, case-insensitive. */
function originAllowed(origin, patterns) {
  if (!origin) return { ok: false };
  for (const p of patterns) {
    if (p.toLowerCase() === origin.toLowerCase()) return { ok: true, wildcard: false };
    if (p.includes('*')) {
      const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
      if (re.test(origin)) return { ok: true, wildcard: true };
    }
  }
  return { ok: false };
}

function corsHeaders(origin, match) {
  const h = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Headers': 'Origin, X-Requested-With, Content-Type, Authorization',
    'Access-Control-Allow-Methods': 'PUT, GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Max-Age': '36000',
  };
  if (match.wildcard) h.Vary = 'Origin';
  return h;
}

function parseCookies(header = '') {
  const out = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** Device ids: 23 random characters from [0-9a-z]. */
function deviceIdNew() {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(23)].map((b) => alphabet[b % 36]).join('');
}

/** Symfony 5.4's Set-Cookie serialisation as CookieHelper uses it. */
function setCookie(config, name, value, maxAge, sameSite = 'none') {
  let c = `${name}=${encodeURIComponent(value)}`;
  if (maxAge !== null) c += `; expires=${new Date(Date.now() + maxAge * 1000).toUTCString().replace(/ (\d\d) (\w+) (\d+)/, ' $1-$2-$3')}; Max-Age=${maxAge}`;
  c += '; path=/';
  if (config.cookieDomain) c += `; domain=${config.cookieDomain}`;
  if (config.cookieSecure) c += '; secure';
  c += `; samesite=${sameSite}`;
  return c;
}

export async function startServer({ port = 0, httpsPort = 0 } = {}) {
  const pages = new Map();
  const state = { contacts: 0, hits: 0, devices: new Map() };
  const server = {
    port: 0,
    log: [],
    /** Page hits Mautic recorded: `{ host, path, params, contactId, deviceId }`. */
    hits: [],
    /** Form submissions: `{ formId, values, contactId, deviceParam, kiosk }`. */
    submissions: [],
    /** Asset downloads: `{ assetId, contactId, deviceParam }`. */
    downloads: [],
    /** Focus-item views from the view pixel: `{ focusId, contactId, cookies }`. */
    focusViews: [],
    config: {},
    /** The HTTPS listener's port (self-signed certificate in tls/: browsers must be told to accept it). */
    httpsPort: 0,
    url: (host, path = '/') => `http://${host}:${server.port}${path}`,
    /** The same double over TLS: engines treat `Secure` cookies and `__Host-` names differently on https. */
    httpsUrl: (host, path = '/') => `https://${host}:${server.httpsPort}${path}`,
    /** Log entries of Mautic hosts, optionally only those whose path starts with `prefix`. */
    mautic: (prefix = '') => server.log.filter((r) => isMauticHost(r.host) && r.path.startsWith(prefix)),
    clearLog() {
      server.log.length = 0;
    },
    configure(partial) {
      if ('version' in partial && !(partial.version in LINES)) throw new Error(`unknown Mautic version ${partial.version}; one of ${Object.keys(LINES)}`);
      Object.assign(server.config, partial);
    },
    reset() {
      server.config = defaults(server.port, server.httpsPort);
      server.hits.length = 0;
      server.submissions.length = 0;
      server.downloads.length = 0;
      server.focusViews.length = 0;
      state.contacts = 0;
      state.hits = 0;
      state.devices.clear();
      pages.clear();
    },
    /** Serves `html` at `path` on every website host, after the template substitution. */
    addPage(path, html, headers = {}) {
      pages.set(path, { html, headers });
    },
    close: () =>
      Promise.all(
        [http, https].map((s) => new Promise((done) => { s.closeAllConnections?.(); s.close(() => done()); })),
      ),
  };
  // Mautic's contact/device tables in memory, read-only views for tests: how many
  // contacts were created, and device tracking id → contact id. reset() empties both.
  Object.defineProperty(server, 'contacts', { get: () => state.contacts, enumerable: true });
  Object.defineProperty(server, 'devices', { get: () => state.devices, enumerable: true });

  /** Mautic's contact lookup: the device cookie wins over the parameter; unknown ⇒ new contact + T cookies. */
  function track(req, params, cookies) {
    const presented = cookies.mautic_device_id || params.mautic_device_id;
    const known = presented && state.devices.get(presented);
    const cookiesOut = [];
    let deviceId = presented;
    let contactId = known;
    if (!known) {
      contactId = ++state.contacts;
      deviceId = deviceIdNew();
      state.devices.set(deviceId, contactId);
      cookiesOut.push(setCookie(server.config, 'mautic_device_id', deviceId, 31536000), setCookie(server.config, 'mtc_id', String(contactId), null));
    }
    return { contactId, deviceId, cookiesOut };
  }

  function recordHit(entry, params, who) {
    const hitId = ++state.hits;
    server.hits.push({ host: entry.host, path: entry.path, params, contactId: who.contactId, deviceId: who.deviceId });
    // mautic_referer_id on every stored hit.
    who.cookiesOut.push(setCookie(server.config, 'mautic_referer_id', String(hitId), 1800));
  }

  const splitFocus = () => !!(LINES[server.config.version]?.splitScripts && server.config.focusSplit);

  /** Mautic routes; each returns { status, headers, body } or a promise of it. */
  const routes = [
    // Any method; query and form body merged, body wins; JSON bodies are not parsed.
    [/^\/mtc\/event$/, (entry, params, cookies) => {
      const who = track(entry, params, cookies);
      recordHit(entry, params, who);
      const json = { success: 1, id: who.contactId, sid: who.deviceId, device_id: who.deviceId, events: [] };
      return { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': who.cookiesOut }, body: JSON.stringify(json) };
    }],
    // The same processing from the query string, answers the pixel.
    [/^\/mtracking\.gif$/, (entry, params, cookies) => {
      const who = track(entry, entry.query, cookies);
      recordHit(entry, entry.query, who);
      return pixel(entry.method, who.cookiesOut);
    }],
    // The tracked contact, creating one if unknown.
    [/^\/mtc$/, (entry, params, cookies) => {
      const who = track(entry, params, cookies);
      return { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': who.cookiesOut }, body: JSON.stringify({ id: who.contactId, sid: who.deviceId, device_id: who.deviceId }) };
    }],
    // Landing pages: the hit is recorded (T, R cookies) and an A/B test remembers the
    // variant in the V cookie mautic_page_{id} (14 days, SameSite=Lax). Every page here has variants.
    [/^\/page-(\d+)$/, (entry, params, cookies) => {
      const id = entry.path.slice(6);
      const who = track(entry, entry.query, cookies);
      recordHit(entry, entry.query, who);
      who.cookiesOut.push(setCookie(server.config, `mautic_page_${id}`, id, 14 * 86400, 'lax'));
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': who.cookiesOut }, body: `<!doctype html><title>Landing page ${id}</title><h1>Landing page ${id}</h1>` };
    }],
    // The purge page an admin uploads to Mautic's media folder (README, "The Mautic host").
    [/^\/media\/files\/mautic-purge\.html$/, async () => {
      const html = await readFile(join(ROOT, 'dist', 'mautic-purge.html'), 'utf8');
      const origins = (server.config.purgeOrigins ?? server.config.corsOrigins).join(' ');
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html.replace(/data-allowed-origins="[^"]*"/, `data-allowed-origins="${origins}"`) };
    }],
    // /form/embed/{id}: the form's HTML without its scripts; 404 with an empty body otherwise.
    [/^\/form\/embed\/\d+$/, (entry) => {
      const id = entry.path.split('/').pop();
      const evil = server.config.hostile.forms[id];
      if (evil) return { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body: substitute(evil, entry) };
      // Forms with real Mautic markup (forms/README.md), per Mautic line; the others below.
      const real = formFixture(id, server.config.version, entry.base);
      if (real !== null) return { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body: real };
      const form = FORMS[id];
      if (!form) return { status: 404, headers: {}, body: '' };
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body: formHtml(entry.base, id, form) };
    }],
    // /form/submit?formId=N: POST only; ajax=1 answers JSON. Non-kiosk: the current
    // contact (device cookie, else the top-level mautic_device_id parameter) gets the submission and
    // the T cookies; kiosk: a fresh contact, no cookies.
    [/^\/form\/submit(\/ajax)?$/, async (entry, params, cookies) => {
      if (entry.method !== 'POST') return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'Access denied' };
      const id = entry.query.formId;
      const form = formDefinition(id) ?? FORMS[id];
      const values = {};
      for (const [key, value] of entry.form ?? []) {
        const m = /^mauticform\[([^\]]+)\](\[\])?$/.exec(key);
        if (m) values[m[1]] = m[2] ? [...(values[m[1]] ?? []), value] : value;
      }
      const deviceParam = entry.form?.get('mautic_device_id') ?? entry.query.mautic_device_id;
      const json = { success: 0, formName: form?.name ?? '' };
      if (!form) return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...json, errorMessage: 'This form is not available.' }) };
      const missing = form.fields.filter((f) => f.required && !values[f.alias]);
      const errors = formDefinition(id) ? validateSubmission(form, values) : Object.fromEntries(missing.map((f) => [f.alias, f.message]));
      // mautic-form.js posts in "messenger" mode: the answer is a page that posts the JSON to its parent.
      const messenger = !!values.messenger;
      const answer = (body, cookies = []) =>
        entry.query.ajax !== '1' && !entry.path.endsWith('/ajax') && messenger
          ? { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Set-Cookie': cookies }, body: messengerPage(body) }
          : { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': cookies }, body: JSON.stringify(body) };
      if (Object.keys(errors).length) {
        json.validationErrors = errors;
        return answer(json);
      }
      let who;
      if (form.kiosk) who = { contactId: ++state.contacts, deviceId: null, cookiesOut: [] };
      else who = track(entry, { mautic_device_id: deviceParam }, cookies);
      server.submissions.push({ formId: Number(id), values, contactId: who.contactId, deviceParam: deviceParam ?? null, kiosk: form.kiosk });
      let body = { success: 1, results: values, successMessage: form.successMessage, formName: form.name };
      if (formDefinition(id)) {
        const { html, ...keys } = successKeys(form, { origin: entry.base, contactId: who.contactId, messenger });
        if (html) return { status: 200, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Set-Cookie': who.cookiesOut }, body: html };
        const results = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml([v].flat().join(', '))]));
        body = { success: 1, results, ...keys, formName: form.name };
      }
      const evil = server.config.hostile.successMessage;
      if (evil) body.successMessage = substitute(evil, entry);
      if (messenger) return answer(body, who.cookiesOut);
      if (entry.query.ajax !== '1' && !entry.path.endsWith('/ajax')) {
        return { status: 302, headers: { Location: `${values.return || '/'}?mauticMessage=ok`, 'Set-Cookie': who.cookiesOut }, body: '' };
      }
      return { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': who.cookiesOut }, body: JSON.stringify(body) };
    }],
    // /asset/{id}:{alias}: the download is recorded for the current contact (created if
    // unknown) with the T cookies; a wrong alias gets a 301 to the canonical URL.
    [/^\/asset\/\d+:[\w-]+$/, (entry, params, cookies) => {
      const [id, alias] = entry.path.slice(7).split(':');
      const asset = ASSETS[id];
      if (!asset) return { status: 404, headers: {}, body: 'Not Found' };
      if (asset.alias !== alias) return { status: 301, headers: { Location: `/asset/${id}:${asset.alias}` }, body: '' };
      const who = track(entry, params, cookies);
      server.downloads.push({ assetId: Number(id), contactId: who.contactId, deviceParam: params.mautic_device_id ?? null });
      return { status: 200, headers: { 'Content-Type': asset.type, 'Content-Disposition': `attachment;filename="${asset.file}"`, 'Set-Cookie': who.cookiesOut }, body: asset.body };
    }],
    // /dwc/{slot}: GET only; never creates a contact; 204 when there is no content.
    [/^\/dwc\/[\w-]+$/, (entry, params, cookies) => {
      if (entry.method !== 'GET') return { status: 403, headers: {}, body: '' };
      const evil = server.config.hostile.slots[entry.path.slice(5)];
      const slot = evil ? () => substitute(evil, entry) : SLOTS[entry.path.slice(5)];
      const device = cookies.mautic_device_id || params.mautic_device_id;
      const contactId = device && state.devices.get(device);
      if (!slot || !contactId) return { status: 204, headers: {}, body: '' };
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: slot(contactId), id: contactId, sid: device, device_id: device }) };
    }],
    // /focus/{id}.js: our own stand-in (not Mautic's script) that behaves as Mautic's
    // does: it shows the item, remembers the display in mautic_focus_{id} (path=/, Secure),
    // a close in mautic_focus_{id}_closed (no Path), and loads the view pixel.
    [/^\/focus\/\d+\.js$/, (entry) => {
      const id = entry.path.slice(7, -3);
      const origin = entry.base;
      const js = `(function () {
  var id = ${JSON.stringify(id)};
  if (document.cookie.indexOf('mautic_focus_' + id + '_closed=') > -1) return;
  document.cookie = 'mautic_focus_' + id + '=' + Math.floor(Date.now() / 1000) + '; expires=Fri, 31 Dec 9999 23:59:59 GMT; path=/; Secure';
  var box = document.createElement('div');
  box.className = 'mautic-focus';
  box.setAttribute('data-focus-id', id);
  box.innerHTML = "<p>Focus item " + id + "</p><button class='mautic-focus-close'>Close</button><img alt='' width='1' height='1' src='${origin}/focus/" + id + "/viewpixel.gif'>";
  box.querySelector('button').onclick = function () {
    document.cookie = 'mautic_focus_' + id + '_closed=1; Secure';
    box.remove();
  };
  document.body.appendChild(box);
})();`;
      if (splitFocus()) return { status: 200, headers: { 'Content-Type': 'application/javascript', 'Cache-Control': 'private, no-store' }, body: focusAggregateJs(id, origin) };
      return { status: 200, headers: { 'Content-Type': 'application/javascript' }, body: js };
    }],
    // Mautic PR #16926 (split focus scripts), our own stand-ins written from its description and
    // tests: display.js shows the item with no view pixel, no identity and no personalisation, and
    // registers it in window.MauticFocusItems with window.MauticFocus.enableTracking(id), which adds
    // a <script> for tracking.js (the page's own, credentialed); tracking.js activates a displayed
    // item and sends its view once (with `new Image()`), and does nothing without one; the legacy
    // /focus/{id}.js then carries the display runtime and activates tracking itself. All three
    // focus scripts answer `Cache-Control: private, no-store` there. Without the split (5.x, 6.x, or
    // focusSplit off) the path is Mautic's catch-all landing-page route: an HTML 404, no hit.
    [/^\/focus\/\d+\/(display|tracking)\.js$/, (entry) => {
      if (!splitFocus()) return notFoundPage();
      const [, , id, file] = entry.path.split('/');
      const js = file === 'display.js' ? focusDisplayJs(id, entry.base) : focusTrackingJs(id);
      return { status: 200, headers: { 'Content-Type': 'application/javascript', 'Cache-Control': 'private, no-store' }, body: js };
    }],
    // Mautic 7 (PR #16660): the website script split in two. Our own stand-ins of what Mautic's
    // tests and documentation say they do: the essential runtime sets MauticJS.runtimeReady, keeps
    // MauticJS.trackingEnabled and MauticJS.requestWithCredentials false, and requests, reads and
    // stores nothing; the tracking add-on runs only after it, turns credentials on, sends one
    // credentialed pageview and dispatches `mautic:tracking-enabled` once. Older lines: HTML 404.
    [/^\/mautic-(essential|tracking)\.js$/, (entry) => {
      if (!LINES[server.config.version]?.splitScripts) return notFoundPage();
      const body = entry.path === '/mautic-essential.js' ? ESSENTIAL_JS : trackingAddOnJs(entry.base);
      return { status: 200, headers: { 'Content-Type': 'application/javascript' }, body };
    }],
    [/^\/focus\/\d+\/viewpixel\.gif$/, (entry, params, cookies) => {
      const who = track(entry, params, cookies);
      server.focusViews.push({ focusId: Number(entry.path.split('/')[2]), contactId: who.contactId, cookies });
      return pixel(entry.method, who.cookiesOut);
    }],
    // Stand-ins for the scripts of Mautic's pasted form embeds (forms/index.mjs): generate.js and mautic-form.js.
    [/^\/form\/generate\.js$/, (entry) => ({ status: 200, headers: { 'Content-Type': 'text/javascript' }, body: generateScript(entry.query.id, server.config.version, entry.base) })],
    [/^\/media\/js\/mautic-form\.js$/, () => ({ status: 200, headers: { 'Content-Type': 'text/javascript' }, body: MAUTIC_FORM_SCRIPT })],
    // Our own stand-in for /mtc.js (not Mautic's code): it only says it ran, so tests can show it never loads.
    [/^\/mtc\.js$/, () => ({ status: 200, headers: { 'Content-Type': 'application/javascript' }, body: 'console.log("mtc.js stand-in loaded");' })],
  ];
  server.routes = routes;

  const hostile = {
    html: () => ({ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Maintenance</body></html>' }),
    error: () => ({ status: 500, headers: { 'Content-Type': 'text/html' }, body: 'Internal Server Error' }),
    badjson: () => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"success":1,"id":' }),
  };

  async function mautic(req, res, entry) {
    const origin = req.headers.origin;
    const match = originAllowed(origin, server.config.corsOrigins);
    // OPTIONS is answered at once with 204; CORS headers only for an allowed Origin that
    // also sent Access-Control-Request-Headers.
    if (req.method === 'OPTIONS') {
      const h = match.ok && req.headers['access-control-request-headers'] ? corsHeaders(origin, match) : {};
      res.writeHead(204, h).end();
      return;
    }
    // A website page registered on a Mautic host: the "same host" layout, where the site runs on
    // the Mautic host itself (landing pages, or a site and Mautic under one name).
    if (pages.has(entry.path) || STATIC.some((dir) => entry.path.startsWith(dir))) return website(req, res, entry);
    const mode = server.config.mode;
    if (mode === 'hang') return; // never answers; close() ends it
    if (mode === 'slow') await new Promise((r) => setTimeout(r, server.config.slowMs));
    const route = routes.find(([re]) => re.test(entry.path));
    let out = route
      ? hostile[mode] && entry.path === '/mtc/event'
        ? hostile[mode]()
        : await route[1](entry, { ...entry.query, ...(entry.body && typeof entry.body === 'object' ? entry.body : {}) }, entry.cookies, req)
      : { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
    const headers = { ...out.headers };
    if (!headers['Set-Cookie']?.length) delete headers['Set-Cookie'];
    // On other methods, CORS headers only for XHRs (X-Requested-With) from an allowed origin.
    if (req.headers['x-requested-with'] === 'XMLHttpRequest' && match.ok) Object.assign(headers, corsHeaders(origin, match));
    res.writeHead(out.status, headers).end(out.body);
  }

  /** Fills a page's placeholders for the scheme and port it was asked on. */
  function substitute(html, entry) {
    const { host, scheme } = entry;
    const port = scheme === 'https' ? server.httpsPort : server.port;
    const site = host.split('.').slice(1).join('.');
    const tld = host.endsWith('.localhost') ? 'localhost' : 'test';
    return html
      .replaceAll('{{PORT}}', String(port))
      .replaceAll('{{ORIGIN}}', `${scheme}://${host}:${port}`)
      .replaceAll('{{MAUTIC_CROSS}}', `${scheme}://mautic.other.${tld}:${port}`)
      .replaceAll('{{MAUTIC}}', `${scheme}://m.${site}:${port}`);
  }

  async function website(req, res, entry) {
    if (entry.path === '/favicon.ico') return res.writeHead(204).end();
    if (entry.path === '/__mautic-log') {
      return res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(server.mautic()));
    }
    if (pages.has(entry.path)) {
      const page = pages.get(entry.path);
      const headers = Object.fromEntries(Object.entries(page.headers).map(([k, v]) => [k, substitute(v, entry)]));
      return res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', ...headers }).end(substitute(page.html, entry));
    }
    const vendor = /^\/vendor\/([\w-]+)\/(.+)$/.exec(entry.path);
    if (STATIC.some((dir) => entry.path.startsWith(dir)) || (vendor && vendor[1] in VENDOR)) {
      const path = vendor ? join('node_modules', vendor[1], VENDOR[vendor[1]], decodeURIComponent(vendor[2])) : decodeURIComponent(entry.path);
      const file = normalize(join(ROOT, path));
      if (file.startsWith(ROOT + sep)) {
        try {
          let body = await readFile(file);
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          if (extname(file) === '.html') body = substitute(body.toString('utf8'), entry);
          return res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
        } catch {
          // falls through to 404
        }
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
  }

  const handle = (scheme) => (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const port = scheme === 'https' ? server.httpsPort : server.port;
      const entry = {
        time: Date.now(),
        host,
        scheme,
        /** The origin this request was made to, e.g. http://m.shop.test:PORT. */
        base: `${scheme}://${host}:${port}`,
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        // Symfony parses form encodings only.
        body: raw ? (type.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : raw) : null,
        headers: { ...req.headers },
        cookies: parseCookies(req.headers.cookie),
        origin: req.headers.origin ?? null,
      };
      server.log.push(entry);
      const handler = isMauticHost(host) ? mautic : website;
      const parsed = type.startsWith('multipart/form-data')
        ? new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body: Buffer.concat(chunks) }).formData().then((f) => {
            entry.form = f;
            entry.body = Object.fromEntries([...f].map(([k, v]) => [k, String(v)]));
          })
        : type.startsWith('application/x-www-form-urlencoded')
          ? Promise.resolve().then(() => (entry.form = new URLSearchParams(raw)))
          : Promise.resolve();
      parsed.then(() => handler(req, res, entry)).catch((error) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
  };
  const http = createServer(handle('http'));
  const tlsDir = fileURLToPath(new URL('./tls/', import.meta.url));
  const https = createTlsServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) }, handle('https'));

  await new Promise((done) => http.listen(port, '127.0.0.1', done));
  await new Promise((done) => https.listen(httpsPort, '127.0.0.1', done));
  server.port = http.address().port;
  server.httpsPort = https.address().port;
  server.reset();
  return server;
}
