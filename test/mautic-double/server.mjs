// A test double of the Mautic server and of the website that embeds the SDK, on one node:http
// server. Which one answers is decided by the Host header: a host whose first label is `m` or
// `mautic` (m.shop.test, mautic.other.test, m.shop.localhost, …) is Mautic; any other is the
// website. Every behaviour of the Mautic side follows the team's protocol reference
// (../shared/mautic-protocol.md); the section is named beside each. No Mautic code is used.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Folders the website serves from the repository. */
const STATIC = ['/dist/', '/test/e2e/pages/', '/examples/'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
};
/** §3.0 "Tracking-pixel responses": a 43-byte transparent 1×1 GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PIXEL_HEADERS = {
  'Content-Type': 'image/gif',
  'Content-Length': String(GIF.length),
  'Cache-Control': 'private, no-cache, no-cache=Set-Cookie, proxy-revalidate',
  Expires: 'Wed, 11 Jan 2000 12:59:00 GMT',
  'Last-Modified': 'Wed, 11 Jan 2006 12:59:00 GMT',
  Pragma: 'no-cache',
};

const isMauticHost = (host) => /^(m|mautic)\./.test(host);

function defaults(port) {
  return {
    // The double's default is a Mautic whose CORS allow-list names the test websites; set [] for
    // Mautic's factory default, where no origin passes (§1 cors_valid_domains).
    corsOrigins: ['www.shop.test', 'shop.test', 'www.shop.localhost', 'shop.localhost'].map((h) => `http://${h}:${port}`),
    cookieSecure: true, // §1 cookie_secure
    cookieDomain: '', // §1 cookie_domain: empty = host-only
    mode: 'normal', // normal | html | error | badjson | slow | hang (hostile-server tests)
    slowMs: 5000,
    // Origins written into the purge page's data-allowed-origins when the double serves it.
    purgeOrigins: null, // null = the same as corsOrigins
  };
}

/** §3.0: exact match or a shell-style `*` wildcard, case-insensitive. */
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

/** §2.1 device ids: 23 random characters from [0-9a-z]. */
function deviceIdNew() {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(23)].map((b) => alphabet[b % 36]).join('');
}

/** Symfony 5.4's Set-Cookie serialisation as CookieHelper uses it (§2.1). */
function setCookie(config, name, value, maxAge, sameSite = 'none') {
  let c = `${name}=${encodeURIComponent(value)}`;
  if (maxAge !== null) c += `; expires=${new Date(Date.now() + maxAge * 1000).toUTCString().replace(/ (\d\d) (\w+) (\d+)/, ' $1-$2-$3')}; Max-Age=${maxAge}`;
  c += '; path=/';
  if (config.cookieDomain) c += `; domain=${config.cookieDomain}`;
  if (config.cookieSecure) c += '; secure';
  c += `; samesite=${sameSite}`;
  return c;
}

export async function startServer({ port = 0 } = {}) {
  const pages = new Map();
  const state = { contacts: 0, hits: 0, devices: new Map() };
  const server = {
    port: 0,
    log: [],
    /** Page hits Mautic recorded: `{ host, path, params, contactId, deviceId }` (§3.3, §3.4). */
    hits: [],
    config: {},
    url: (host, path = '/') => `http://${host}:${server.port}${path}`,
    /** Log entries of Mautic hosts, optionally only those whose path starts with `prefix`. */
    mautic: (prefix = '') => server.log.filter((r) => isMauticHost(r.host) && r.path.startsWith(prefix)),
    clearLog() {
      server.log.length = 0;
    },
    configure(partial) {
      Object.assign(server.config, partial);
    },
    reset() {
      server.config = defaults(server.port);
      server.hits.length = 0;
      state.contacts = 0;
      state.hits = 0;
      state.devices.clear();
      pages.clear();
    },
    /** Serves `html` at `path` on every website host, after the template substitution. */
    addPage(path, html) {
      pages.set(path, html);
    },
    close: () => new Promise((done) => { http.closeAllConnections?.(); http.close(() => done()); }),
  };

  /** §6.2 steps 3 and 6, §6.3: the device cookie wins over the parameter; unknown ⇒ new contact + T cookies. */
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
    // §2.1 mautic_referer_id on every stored hit.
    who.cookiesOut.push(setCookie(server.config, 'mautic_referer_id', String(hitId), 1800));
  }

  /** Mautic routes; each returns { status, headers, body } or a promise of it. */
  const routes = [
    // §3.3: any method; query and form body merged, body wins; JSON bodies are not parsed.
    [/^\/mtc\/event$/, (entry, params, cookies) => {
      const who = track(entry, params, cookies);
      recordHit(entry, params, who);
      const json = { success: 1, id: who.contactId, sid: who.deviceId, device_id: who.deviceId, events: [] };
      return { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': who.cookiesOut }, body: JSON.stringify(json) };
    }],
    // §3.4: same processing from the query string, answers the pixel.
    [/^\/mtracking\.gif$/, (entry, params, cookies) => {
      const who = track(entry, entry.query, cookies);
      recordHit(entry, entry.query, who);
      return { status: 200, headers: { ...PIXEL_HEADERS, 'Set-Cookie': who.cookiesOut }, body: entry.method === 'GET' ? GIF : ' ' };
    }],
    // §3.5: the tracked contact, creating one if unknown.
    [/^\/mtc$/, (entry, params, cookies) => {
      const who = track(entry, params, cookies);
      return { status: 200, headers: { 'Content-Type': 'application/json', 'Set-Cookie': who.cookiesOut }, body: JSON.stringify({ id: who.contactId, sid: who.deviceId, device_id: who.deviceId }) };
    }],
    // §3.14 landing pages: the hit is recorded (T, R cookies) and an A/B test remembers the
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
    // §3.0: OPTIONS is answered at once with 204; CORS headers only for an allowed Origin that
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
    // §3.0: on other methods, CORS headers only for XHRs (X-Requested-With) from an allowed origin.
    if (req.headers['x-requested-with'] === 'XMLHttpRequest' && match.ok) Object.assign(headers, corsHeaders(origin, match));
    res.writeHead(out.status, headers).end(out.body);
  }

  function substitute(html, host) {
    const site = host.split('.').slice(1).join('.');
    const tld = host.endsWith('.localhost') ? 'localhost' : 'test';
    return html
      .replaceAll('{{PORT}}', String(server.port))
      .replaceAll('{{ORIGIN}}', `http://${host}:${server.port}`)
      .replaceAll('{{MAUTIC_CROSS}}', `http://mautic.other.${tld}:${server.port}`)
      .replaceAll('{{MAUTIC}}', `http://m.${site}:${server.port}`);
  }

  async function website(req, res, entry) {
    if (entry.path === '/favicon.ico') return res.writeHead(204).end();
    if (entry.path === '/__mautic-log') {
      return res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(server.mautic()));
    }
    if (pages.has(entry.path)) {
      return res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' }).end(substitute(pages.get(entry.path), entry.host));
    }
    if (STATIC.some((dir) => entry.path.startsWith(dir))) {
      const file = normalize(join(ROOT, decodeURIComponent(entry.path)));
      if (file.startsWith(ROOT + sep)) {
        try {
          let body = await readFile(file);
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          if (extname(file) === '.html') body = substitute(body.toString('utf8'), entry.host);
          return res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
        } catch {
          // falls through to 404
        }
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
  }

  const http = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const entry = {
        time: Date.now(),
        host,
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        // §3.3: Symfony parses form encodings only.
        body: raw ? (type.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : raw) : null,
        headers: { ...req.headers },
        cookies: parseCookies(req.headers.cookie),
        origin: req.headers.origin ?? null,
      };
      server.log.push(entry);
      const handler = isMauticHost(host) ? mautic : website;
      Promise.resolve(handler(req, res, entry)).catch((error) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
  });

  await new Promise((done) => http.listen(port, '127.0.0.1', done));
  server.port = http.address().port;
  server.reset();
  return server;
}
