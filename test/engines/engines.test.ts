// One engine per run (ENGINE=chromium|firefox|webkit, set by scripts/engines.mjs): one browser
// for the whole run, one Mautic double, and the shared scenarios.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Server } from '../e2e/fixtures';
// @ts-expect-error: plain ESM module without types
import { startServer } from '../mautic-double/server.mjs';
import { ENGINES, type Engine, type EngineName } from './driver';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';
import { defineScenarios, EXPECTED_FAILURES } from './scenarios';
import { startProxy, type Proxy } from './proxy';

const name = process.env.ENGINE as EngineName;
if (!ENGINES.includes(name)) throw new Error(`ENGINE must be one of ${ENGINES.join(', ')}; got ${name}`);
const LAUNCH = { chromium: launchChromium, firefox: launchFirefox, webkit: launchWebKit };

let engine: Engine;
let server: Server;
let proxy: Proxy;

describe(name, () => {
  beforeAll(async () => {
    server = await startServer({ port: 0 });
    proxy = await startProxy(server);
    const started = Date.now();
    engine = await LAUNCH[name]({ proxyPort: proxy.port });
    const startup = (Date.now() - started) / 1000;
    console.log(`[engine] ${engine.version} started in ${startup.toFixed(1)} s`);
    // For scripts/engines.mjs: the version and the known failures go into its summary.
    if (process.env.ENGINE_INFO) {
      const expectedFailures = EXPECTED_FAILURES.filter((f) => f.engine === name);
      writeFileSync(process.env.ENGINE_INFO, JSON.stringify({ version: engine.version, startup, expectedFailures }));
    }
  });
  afterAll(async () => {
    await engine?.close();
    await proxy?.close();
    await server?.close();
  });
  defineScenarios({ engine: () => engine, server: () => server });
});
