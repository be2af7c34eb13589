#!/usr/bin/env node
// `npm run bench`: our bundles next to the tools a site would use instead, in bytes (gzip -9,
// brotli 11) and in Chromium (main-thread script time until ready, requests on a first pageview),
// as ratios against mautic-consent from one run. Peers: vanilla-cookieconsent (full and core) and
// Plausible's tracker come from devDependencies; Klaro is fetched with `npm pack` into a temporary
// folder (its package would add ~140 build-time packages to every install).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { startServer } from '../test/mautic-double/server.mjs';
import { ADAPTER_NAMES } from '../rollup.config.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync('dist/mautic-consent.min.js')) throw new Error('run npm run build first');

const tmp = mkdtempSync(join(tmpdir(), 'mautic-consent-bench-'));
let klaro = null;
try {
  execFileSync('npm', ['pack', 'klaro@0.7.22', '--pack-destination', tmp, '--silent'], { stdio: 'pipe' });
  execFileSync('tar', ['-xzf', join(tmp, 'klaro-0.7.22.tgz'), '-C', tmp]);
  klaro = join(tmp, 'package/dist/klaro.js');
} catch (error) {
  console.warn(`Klaro could not be fetched (${String(error).split('\n')[0]}); it is left out.`);
}

const CC = 'node_modules/vanilla-cookieconsent/dist';
/** The adapter script with the most bytes: the one to quote for "each adapter is at most …". */
function largestAdapter() {
  return ADAPTER_NAMES.map((name) => `dist/cmp/${name}.min.js`).sort((a, b) => gzipSync(readFileSync(b), { level: 9 }).length - gzipSync(readFileSync(a), { level: 9 }).length)[0];
}
const CC_CONFIG = `{ categories: { necessary: { readOnly: true }, analytics: {} }, language: { default: 'en', translations: { en: {
  consentModal: { title: 'Cookies', description: 'We use cookies.', acceptAllBtn: 'Accept', acceptNecessaryBtn: 'Reject' },
  preferencesModal: { title: 'Preferences', sections: [] } } } } }`;

/** Each candidate: the files it ships, and a page that loads it and says when it is ready. */
const candidates = [
  {
    name: 'mautic-consent (script tag)',
    files: ['dist/mautic-consent.min.js'],
    page: () => `<script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script><script src="/bench/ready.js"></script>`,
  },
  {
    name: 'mautic-consent + banner',
    files: ['dist/mautic-consent.min.js', 'dist/mautic-consent.banner.min.js'],
    page: () => `<script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script><script src="/dist/mautic-consent.banner.min.js"></script><script src="/bench/ready.js"></script>`,
  },
  // Our other bundles, in bytes: each loads only where a page needs it.
  { name: 'mautic-consent embeds (bytes only)', files: ['dist/mautic-consent.embeds.min.js'], page: null },
  { name: 'mautic-consent banner alone (bytes only)', files: ['dist/mautic-consent.banner.min.js'], page: null },
  { name: 'mautic-consent adapters, each (bytes only, largest)', files: [largestAdapter()], page: null },
  { name: 'mautic-consent purge page (bytes only)', files: ['dist/mautic-purge.html'], page: null },
  {
    name: 'vanilla-cookieconsent 3.1 (full)',
    files: [`${CC}/cookieconsent.umd.js`, `${CC}/cookieconsent.css`],
    page: () => `<link rel="stylesheet" href="/vendor/vanilla-cookieconsent/cookieconsent.css"><script src="/vendor/vanilla-cookieconsent/cookieconsent.umd.js"></script><script src="/bench/cc.js"></script>`,
  },
  // The core build has no interface: it is measured in bytes only (its run() expects the
  // headless set-up of its docs, which would not compare with a page that shows a choice).
  { name: 'vanilla-cookieconsent 3.1 (core, bytes only)', files: [`${CC}/core/cookieconsent-core.umd.js`], page: null },
  ...(klaro
    ? [{
        name: 'Klaro 0.7.22',
        files: [klaro],
        page: () => `<script src="/bench/klaro-config.js"></script><script src="/bench/klaro.js"></script><script src="/bench/ready.js"></script>`,
      }]
    : []),
  {
    name: 'Plausible tracker 0.4.6',
    files: ['node_modules/@plausible-analytics/tracker/plausible.js'],
    page: () => `<script type="module" src="/bench/plausible.js"></script>`,
  },
];

const bytes = (files) => {
  const raw = Buffer.concat(files.map((f) => readFileSync(f)));
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
};

// Helper scripts the pages load (same-origin files, served by a route added to the double below).
const helpers = {
  '/bench/ready.js': 'window.benchReady = performance.now();',
  // run() needs <body>, so sites call it once the document is parsed.
  '/bench/cc.js': `addEventListener('DOMContentLoaded', function () { CookieConsent.run(${CC_CONFIG}).then(function () { window.benchReady = performance.now(); }); });`,
  '/bench/klaro-config.js': "window.klaroConfig = { storageMethod: 'cookie', services: [{ name: 'mautic', purposes: ['analytics'] }], translations: { en: { purposes: { analytics: 'Analytics' } } } };",
  '/bench/klaro.js': klaro ? readFileSync(klaro, 'utf8') : '',
  '/bench/plausible.js': `import { init } from '/bench/plausible-lib.js';
init({ domain: 'www.shop.localhost', endpoint: location.origin + '/api/event' });
window.benchReady = performance.now();`,
  '/bench/plausible-lib.js': readFileSync('node_modules/@plausible-analytics/tracker/plausible.js', 'utf8'),
};

const server = await startServer();
// The helpers are served as pages of the test website, with a JavaScript content type.
for (const [path, body] of Object.entries(helpers)) server.addPage(path, body, { 'Content-Type': 'text/javascript; charset=utf-8' });

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** One page load of a candidate: the page's script time (ms) and the requests the candidate made. */
async function load(c) {
  server.addPage('/bench.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>${c.page()}</head><body><p>Shop</p></body></html>`);
  const context = await browser.newContext();
  // vanilla-cookieconsent skips automated browsers (hideFromBots); every candidate sees a person.
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  const page = await context.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log(c.name, m.type(), m.text()));
  if (process.env.BENCH_DEBUG) page.on('pageerror', (e) => console.log(c.name, 'pageerror', String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // A slower processor, as Lighthouse's mobile profile does, so that differences stand out of the noise.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await page.goto(server.url('www.shop.localhost', '/bench.html'));
  await page.waitForFunction(() => window.benchReady !== undefined, null, { timeout: 30_000 }).catch(() => {
    throw new Error(`${c.name} never became ready`);
  });
  await page.waitForLoadState('networkidle');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
  // The candidate's own files and what it sends; not the page itself nor the harness scripts.
  const requests = seen.filter((u) => !/\/bench(\.html|\/(ready|cc|klaro-config|plausible)\.js)$/.test(new URL(u).pathname)).length;
  await context.close();
  return { ms, requests };
}

// Rounds: each round loads every candidate once, in turn, so that a slow moment of the machine
// falls on all of them rather than on one.
const baseline = { name: 'empty page (baseline)', page: () => '<script src="/bench/ready.js"></script>' };
// BENCH_ONLY=regexp keeps the candidates whose name matches (a quick look at one change).
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
const measured = [baseline, ...candidates.filter((c) => c.page && (!only || only.test(c.name)))];
const samples = new Map(measured.map((c) => [c, { ms: [], requests: [] }]));
await load(baseline); // warms the server and the browser
for (let run = 0; run < RUNS; run++) {
  for (const c of measured) {
    const { ms, requests } = await load(c);
    samples.get(c).ms.push(ms);
    samples.get(c).requests.push(requests);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const base = median(samples.get(baseline).ms);
const results = candidates.map((c) => {
  const s = samples.get(c);
  // The candidate's own script time: the page's, less the median of the same page without it.
  return { name: c.name, ...bytes(c.files), scriptMs: s ? median(s.ms) - base : NaN, requests: s ? median(s.requests) : NaN };
});
await browser.close();
await server.close();
rmSync(tmp, { recursive: true, force: true });

const ours = results[0];
const ratio = (v, base) => (base ? `${(v / base).toFixed(2)}×` : '–');
console.log(`\nOne run, ${RUNS} page loads per candidate in turn (median, less an empty page's ${base.toFixed(1)} ms), CPU slowed ${THROTTLE}×, Chromium ${/\d+(\.\d+){3}/.exec(execFileSync(executablePath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString())?.[0] ?? '?'}; ratios against ${ours.name}.\n`);
console.log('| candidate | gzip B | ratio | brotli B | ratio | script ms | ratio | requests |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const ms = Number.isNaN(r.scriptMs) ? ['–', '–', '–'] : [r.scriptMs.toFixed(1), ratio(r.scriptMs, ours.scriptMs), r.requests];
  console.log(`| ${r.name} | ${r.gzip} | ${ratio(r.gzip, ours.gzip)} | ${r.brotli} | ${ratio(r.brotli, ours.brotli)} | ${ms.join(' | ')} |`);
}
