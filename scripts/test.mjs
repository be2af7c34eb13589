#!/usr/bin/env node
// `npm test`: type-check, lint (eslint.config.mjs) and build side by side, then size budgets, unit tests (vitest),
// browser tests (Playwright in Chromium), then the cross-engine scenarios in Chromium, Firefox ESR
// and WebKitGTK (scripts/engines.mjs). Prints one closing line "N passed, N failed" and writes it to
// .ci-out/summary.txt.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const chromium = process.env.CHROMIUM_PATH || CANDIDATES.find((p) => existsSync(p));
if (!chromium || !existsSync(chromium)) {
  console.error(
    `No Chromium found${process.env.CHROMIUM_PATH ? ` at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : ''}.\n` +
      'The browser tests drive a system Chromium (Playwright does not download one here). Either:\n' +
      '  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-liberation   (Debian/Ubuntu)\n' +
      '  or run with CHROMIUM_PATH=/path/to/chrome npm test',
  );
  process.exit(1);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
const OUT = '.ci-out';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const run = (title, cmd, args, extraEnv = {}) => {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return r.status === 0;
};
/**
 * Runs independent steps side by side (type-check, lint and build share no output, and the machine
 * has two cores), printing each step's output whole when it ends; resolves to whether each passed.
 */
const runTogether = (steps) =>
  Promise.all(
    steps.map(
      ([title, cmd, args]) =>
        new Promise((done) => {
          const started = Date.now();
          const child = spawn(cmd, args, { env });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          let ended = false;
          const end = (status) => {
            if (ended) return;
            ended = true;
            console.log(`\n=== ${title}\n${out}=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            done(status === 0);
          };
          child.on('error', () => end(-1));
          child.on('close', end);
        }),
    ),
  );
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

let passed = 0;
let failed = 0;
const step = (ok) => (ok ? passed++ : failed++);
const bin = (name) => `node_modules/.bin/${name}`;

const [typesOk, lintOk, buildOk] = await runTogether([
  ['type-check', bin('tsc'), ['--noEmit', '-p', '.']],
  ['lint', bin('eslint'), ['.']],
  ['build', bin('rollup'), ['-c', '--silent']],
]);
step(typesOk);
step(lintOk);
step(buildOk);
if (buildOk) {
  run('size budgets', process.execPath, ['scripts/size.mjs', '--json', `${OUT}/size.json`]);
  for (const r of read(`${OUT}/size.json`) ?? [{ ok: false }]) step(r.ok);

  run('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`]);
  const v = read(`${OUT}/vitest.json`);
  if (v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests + (v.numTotalTests === 0 ? 1 : 0);
  } else failed++;

  run('browser tests (Playwright, Chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: `${OUT}/playwright.json`,
  });
  const p = read(`${OUT}/playwright.json`);
  if (p) {
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected + (p.stats.expected + p.stats.flaky + p.stats.unexpected === 0 ? 1 : 0);
  } else failed++;

  // Every engine's results count; an engine that cannot start is counted as a failure there.
  run('cross-engine scenarios (Chromium, Firefox, WebKit)', process.execPath, ['scripts/engines.mjs', '--json', `${OUT}/engines.json`]);
  const engines = read(`${OUT}/engines.json`);
  if (engines?.length) {
    for (const e of engines) {
      passed += e.passed;
      failed += e.failed;
    }
  } else failed++;
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${OUT}/summary.txt`, summary + '\n');
console.log(`\n${summary}`);
process.exit(failed ? 1 : 0);
