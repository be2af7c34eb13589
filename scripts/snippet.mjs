#!/usr/bin/env node
// Prints the pinned script tag for the current build: the CDN URL of this version and the SHA-384
// of dist/mautic-consent.min.js. The core carries the hashes of the scripts it loads from beside
// itself (embeds, banner, adapters), so this one hash pins them all.
// With --debug, the tag of the debug build (whole warning sentences; README "Troubleshooting").
// Usage: npm run build && npm run snippet [-- --base https://your.cdn/path/] [--debug]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const name = process.argv.includes('--debug') ? 'mautic-consent.debug.js' : 'mautic-consent.min.js';
const file = new URL(`../dist/${name}`, import.meta.url);
if (!existsSync(file)) {
  console.error(`dist/${name} is missing: run npm run build first.`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const at = process.argv.indexOf('--base');
const base = at > 0 ? process.argv[at + 1].replace(/\/?$/, '/') : `https://cdn.jsdelivr.net/npm/mautic-consent@${version}/dist/`;
const integrity = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
console.log(`<script src="${base}${name}" async
        integrity="${integrity}" crossorigin="anonymous"
        data-mautic-url="https://m.example.com"></script>`);
