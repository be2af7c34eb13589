#!/usr/bin/env node
// The cross-engine scenarios (test/engines/) in Chromium, Firefox ESR and WebKitGTK: one vitest
// run per engine, each with its own browser, Mautic double and time. Expects a fresh build in
// dist/ (`npm run test:engines` builds first; `npm test` calls this after its build).
//
//   node scripts/engines.mjs [chromium] [firefox] [webkit] [--serial] [--json FILE]
//
// The engines run side by side, each in its own lane: a scenario spends most of its time waiting
// (for a page, for the quiet second that shows nothing was sent), so three lanes on two cores end
// about 20 s sooner than two ([webkit] beside [chromium, firefox]); --serial runs one at a time.
// Each engine's output is kept in .ci-out/engines/{engine}.log and printed when it ends. Prints a
// line per engine and "N passed, N failed"; an engine that cannot start counts all its scenarios
// as failures, never as skips. Exits 1 when anything failed.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const ALL = ['chromium', 'firefox', 'webkit'];
const args = process.argv.slice(2);
let jsonFile = null;
let serial = false;
const engines = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonFile = args[++i];
  else if (args[i] === '--serial') serial = true;
  else if (ALL.includes(args[i])) engines.push(args[i]);
  else {
    console.error(`Unknown engine "${args[i]}": choose from ${ALL.join(', ')} (none = all three).`);
    process.exit(2);
  }
}
if (!engines.length) engines.push(...ALL);
const lanes = serial ? [engines] : engines.map((e) => [e]);

const OUT = '.ci-out/engines';
mkdirSync(OUT, { recursive: true });
const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

async function runEngine(engine) {
  const report = `${OUT}/${engine}.json`;
  const info = `${OUT}/${engine}.info.json`;
  const logFile = `${OUT}/${engine}.log`;
  for (const f of [report, info, logFile]) rmSync(f, { force: true });
  console.log(`=== ${engine}: started (output in ${logFile})`);
  const started = Date.now();
  const log = createWriteStream(logFile);
  const child = spawn(
    'node_modules/.bin/vitest',
    ['run', '--config', 'test/engines/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ENGINE: engine, ENGINE_INFO: info } },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const status = await new Promise((done) => {
    child.on('error', () => done(-1));
    child.on('close', (code) => done(code));
  });
  await new Promise((done) => log.end(done));
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n=== ${engine} (${seconds} s)\n${readFileSync(logFile, 'utf8').trimEnd()}`);
  const v = read(report);
  const about = read(info) ?? {};
  let passed = v?.numPassedTests ?? 0;
  let failed = v?.numFailedTests ?? 0;
  if (!about.version) {
    // The engine did not start: vitest reports its scenarios as skipped, here every one fails.
    passed = 0;
    failed = Math.max(1, v?.numTotalTests ?? 0);
  } else if (!v || v.numTotalTests === 0 || (status !== 0 && failed === 0)) failed += 1;
  return { engine, version: about.version ?? 'did not start', passed, failed, expectedFailures: about.expectedFailures ?? [], seconds };
}

const results = (
  await Promise.all(
    lanes.map(async (lane) => {
      const done = [];
      for (const engine of lane) done.push(await runEngine(engine));
      return done;
    }),
  )
)
  .flat()
  .sort((a, b) => ALL.indexOf(a.engine) - ALL.indexOf(b.engine));

console.log(`\nengine    version                          passed  failed  time${lanes.length > 1 ? ' (lanes ran side by side)' : ''}`);
for (const r of results) {
  console.log(`${r.engine.padEnd(10)}${r.version.padEnd(33)}${String(r.passed).padStart(6)}${String(r.failed).padStart(8)}  ${r.seconds} s`);
  for (const x of r.expectedFailures) console.log(`  expected failure (counted as passed while it fails): ${x.scheme} "${x.scenario}": ${x.reason}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
