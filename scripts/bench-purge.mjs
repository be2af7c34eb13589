#!/usr/bin/env node
// How long revokeAndPurge() takes in Chromium with 100 Mautic cookies on the page, from a page
// three directories deep (so a name can be tried on 3 domains × 6 paths). Prints the median of 11
// runs, and beside it the floor: the same 100 cookies deleted by the page itself, one
// document.cookie write each and one read, in the same page right after. Chromium queues each
// write in its cookie store and the read waits for all of them, so no purge can be faster than
// that floor; the difference is what the SDK adds (the consent record, storage, its own reads).
// Usage: npm run build && node scripts/bench-purge.mjs
import { chromium } from 'playwright';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { startServer } from '../test/mautic-double/server.mjs';

const RUNS = 11;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}; set CHROMIUM_PATH.`);
  process.exit(1);
}
const server = await startServer();
server.addPage('/a/b/c.html', '<!doctype html><script src="/dist/mautic-consent.min.js" data-mautic-url="{{MAUTIC}}"></script>');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const times = [];
const floors = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url('www.shop.localhost', '/a/b/c.html'));
  await page.waitForFunction(() => !!window.MauticConsent?.revokeAndPurge);
  const result = await page.evaluate(async () => {
    const seed = () => {
      for (let i = 0; i < 100; i++) document.cookie = `mautic_focus_${i}=1; path=/`;
      return document.cookie.split('; ').length; // The read waits until the browser holds them all.
    };
    const focus = () => document.cookie.split('; ').filter((c) => c.startsWith('mautic_focus')).length;
    const before = seed();
    const t0 = performance.now();
    const report = await window.MauticConsent.revokeAndPurge();
    const ms = performance.now() - t0;
    const left = focus();
    seed();
    const t1 = performance.now();
    for (let i = 0; i < 100; i++) document.cookie = `mautic_focus_${i}=; path=/; max-age=0`;
    const floorLeft = focus(); // The read waits for every write before it.
    const floor = performance.now() - t1;
    return { ms, floor, before, deleted: report.deleted.length, left: left + floorLeft };
  });
  if (result.deleted !== 100 || result.left !== 0) throw new Error(`purge incomplete: ${JSON.stringify(result)}`);
  times.push(result.ms);
  floors.push(result.floor);
  await context.close();
}
await browser.close();
await server.close();
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const sorted = [...times].sort((a, b) => a - b);
console.log(`revokeAndPurge() with 100 cookies, page at /a/b/c.html: median ${median(times).toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)}) in ${executablePath}`);
console.log(`floor, the browser deleting the same 100 cookies (100 writes, 1 read): median ${median(floors).toFixed(1)} ms; the SDK adds a median ${median(times.map((t, i) => t - floors[i])).toFixed(1)} ms`);
// Both numbers grow with whatever else the machine runs.
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`);
