#!/usr/bin/env node
// How long revokeAndPurge() takes in Chromium with 100 Mautic cookies on the page, from a page
// three directories deep (so every name is tried on 3 domains × 7 paths). Prints the median of 7 runs.
// Usage: npm run build && node scripts/bench-purge.mjs
import { chromium } from 'playwright';
import { existsSync } from 'node:fs';
import { startServer } from '../test/mautic-double/server.mjs';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}; set CHROMIUM_PATH.`);
  process.exit(1);
}
const server = await startServer();
server.addPage('/a/b/c.html', '<!doctype html><script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script>');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const times = [];
for (let run = 0; run < 7; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url('www.shop.localhost', '/a/b/c.html'));
  await page.waitForFunction(() => !!window.MauticConsent?.revokeAndPurge);
  const result = await page.evaluate(async () => {
    for (let i = 0; i < 100; i++) document.cookie = `mautic_focus_${i}=1; path=/`;
    const before = document.cookie.split('; ').length;
    const t0 = performance.now();
    const report = await window.MauticConsent.revokeAndPurge();
    return { ms: performance.now() - t0, before, deleted: report.deleted.length, left: document.cookie.split('; ').filter((c) => c.startsWith('mautic_focus')).length };
  });
  if (result.deleted !== 100 || result.left !== 0) throw new Error(`purge incomplete: ${JSON.stringify(result)}`);
  times.push(result.ms);
  await context.close();
}
await browser.close();
await server.close();
times.sort((a, b) => a - b);
console.log(`revokeAndPurge() with 100 cookies, page at /a/b/c.html: median ${times[3].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)}) in ${executablePath}`);
