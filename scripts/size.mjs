#!/usr/bin/env node
// Byte budgets per bundle, gzipped (level 9) and brotli, checked by `npm test`.
// Usage: node scripts/size.mjs [--json FILE]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { minify } from 'terser';
import { ADAPTER_NAMES } from '../rollup.config.mjs';

// History: the foundation issue started the IIFE at 5 KB; the foundation measured 6578 B and,
// with the purge issue (Mautic-host purge page, tab sync, click-through hygiene), 7827 B; the
// embeds issue added the embeds loader (8190 B) and the embeds script, loaded only by pages that
// have an embed; the integrations issue added Consent Mode, consent receipts and the adapter
// loader (8812 B), one small script per consent-tool adapter and the optional banner. The proof
// issue added Trusted Types and the CSP work: the core reads and hands on the page's nonce and is
// wrapped for eager compilation (9119 B), then remembers a failed /mtc/event per tab and warns
// about a second instance (9284 B); the embeds gained CSP-safe styles (adopted sheets, CSSOM
// style attributes), nonces for focus items and gated scripts, and their warnings (3902 → 4382 B).
// The cookie-security issue replaced js-cookie by reads and writes through the document's own
// cookie accessor with read-back, the consent record's cookie (most restrictive of every value,
// `__Host-` on https, migration, expiry everywhere, a localStorage fallback for an unstored
// refusal), checked purge names, a tidy merged report and kiosk field stripping (9285 → 9815 B).
// Each budget is the measured size plus about 2 %; raise one only with a note saying what grew and why.
export const BUDGETS = [
  // file, gzip budget in bytes, what it is
  ['dist/mautic-consent.min.js', 10010, 'script-tag build (IIFE, minified)'],
  ['dist/mautic-consent.embeds.min.js', 4470, 'embeds, loaded by the script tag only where a page has one'],
  ['dist/mautic-consent.banner.min.js', 4730, 'optional banner, loaded by the script tag only with data-banner'],
  // The ESM build ships readable; it is measured as a bundler would ship it, minified by terser,
  // with every export (a bundler drops bindEmbeds and the others when they are not imported).
  ['dist/mautic-consent.mjs', 17220, 'ESM build, all exports, as minified by a bundler', { minify: true }],
  ...ADAPTER_NAMES.map((name) => [`dist/cmp/${name}.min.js`, 650, `adapter for ${name}, loaded only with data-cmp="${name}"`]),
  ['dist/mautic-purge.html', 2550, 'purge page for the Mautic host'],
];

const results = await Promise.all(BUDGETS.map(async ([file, budget, what, options = {}]) => {
  if (!existsSync(file)) return { file, what, budget, error: 'missing: run npm run build' };
  let raw = readFileSync(file);
  if (options.minify) raw = Buffer.from((await minify(raw.toString('utf8'), { module: true, compress: { passes: 2 } })).code);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, what, budget, raw: raw.length, gzip, brotli, ok: gzip <= budget };
}));

for (const r of results) {
  if (r.error) console.log(`✗ ${r.file}: ${r.error}`);
  else console.log(`${r.ok ? '✓' : '✗'} ${r.file} (${r.what}): ${r.gzip} B gzip, ${r.brotli} B brotli, ${r.raw} B raw; budget ${r.budget} B gzip`);
}
const json = process.argv.indexOf('--json');
if (json > 0) writeFileSync(process.argv[json + 1], JSON.stringify(results, null, 2));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
