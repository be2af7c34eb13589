#!/usr/bin/env node
// What each optional part of the core script costs, in gzip bytes in context: the core is built
// again with that part's module replaced by a stub that does nothing, and the difference to the real
// core is printed. Gzip shares repeated text across a file, so a part costs less here than its own
// file would weigh, and the parts together cost less than their sum. Not part of `npm test`: it is
// for deciding what the core can do without. Expects a fresh build in dist/ (the core pins the
// sibling scripts' hashes from there).
// Usage: npm run size:cost
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import configs from '../rollup.config.mjs';

const core = configs.find((c) => c.input === 'src/entries/script.ts' && c.output.file === 'dist/mautic-consent.min.js');
if (!core) throw new Error('rollup.config.mjs has no build of dist/mautic-consent.min.js from src/entries/script.ts');

/** Each part: the module it lives in, and a stub with the same exports that does nothing. */
const PARTS = [
  ['purge page client (asks the purge page on the Mautic host)', 'src/purge/frame.ts', 'export const PURGE_REQUEST = ""; export const PURGE_RESULT = ""; export function purgeMauticHost() { return Promise.resolve(null); }'],
  ['consent log (data-consent-log-url)', 'src/consent/receipt.ts', 'export function sendReceipt() {}'],
  ['Google Consent Mode', 'src/page/datalayer.ts', 'export function bindDataLayer() { return () => {}; }'],
  ['other tabs follow a decision', 'src/consent/sync.ts', 'export function createSync() { return { tell() {}, close() {} }; }'],
  ['data-mautic-action buttons, data-mautic-dnc', 'src/page/actions.ts', 'export function bindActions() { return () => {}; }'],
  ["mt() queue (Mautic's loader snippet)", 'src/page/loader.ts', 'export function bindLoaderQueue() {}'],
  ["warning when Mautic's own tracking script runs too", 'src/page/mautic-runtime.ts', 'export function watchMauticScripts() {}'],
  ['landing fields (ct, data-strip-utm)', 'src/tracking/landing.ts', 'export function takeLandingParams() { return {}; }'],
];

async function gzipOfCore(stubs, pinned = true) {
  const stub = { name: 'stub', load: (id) => stubs.find(([, file]) => id === resolve(file))?.[2] ?? null };
  const plugins = [stub, ...core.plugins.filter((p) => pinned || p.name !== 'pin-siblings')];
  const bundle = await rollup({ ...core, plugins, onwarn() {} });
  const { output } = await bundle.generate(core.output);
  return gzipSync(output[0].code, { level: 9 }).length;
}

const whole = await gzipOfCore([]);
console.log(`core script: ${whole} B gzip; without each part (bytes saved):`);
for (const part of PARTS) console.log(`${String(whole - (await gzipOfCore([part]))).padStart(6)}  ${part[0]}`);
console.log(`${String(whole - (await gzipOfCore([], false))).padStart(6)}  the sibling scripts' pinned SHA-256 hashes (Subresource Integrity)`);
const none = await gzipOfCore(PARTS, false);
console.log(`${String(whole - none).padStart(6)}  all of the above together: a core of ${none} B gzip`);
