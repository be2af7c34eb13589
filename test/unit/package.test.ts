// @vitest-environment node
// The package as a consumer gets it: `npm pack`, installed from the tarball into a throwaway app
// outside this repository, type-checked without skipLibCheck and imported by Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TIMEOUT = 120_000;

/** What `src/index.ts` exports as values, read from its source so that a new export is checked too. */
const VALUE_EXPORTS = [...readFileSync(join(ROOT, 'src/index.ts'), 'utf8').matchAll(/^export \{([^}]*)\}/gm)]
  .flatMap((m) => m[1].split(','))
  .map((name) => name.trim())
  .filter(Boolean)
  .sort();

/** A consumer app that uses the public surface the way the README does. */
const APP = `import {
  createConsent, bindActions, bindEmbeds, bindLoaderQueue, bindDataLayer, createBanner, followTcf,
  type ConsentInstance, type ConsentSnapshot, type PurgeReport, type PurgeItem, type ConsentOptions, type BannerOptions,
} from 'mautic-consent';

const options: ConsentOptions = { mauticUrl: 'https://m.example.com', revision: 2 };
const consent: ConsentInstance = createConsent(options);
bindActions(consent, document);
bindEmbeds(consent, document);
bindLoaderQueue(consent, window);
bindDataLayer(consent, window, { ads: false });
const bannerOptions: BannerOptions = { lang: 'de' };
createBanner(consent, bannerOptions);
followTcf(consent, { category: '1' });
const snapshot: ConsentSnapshot = consent.state();
const tracking: 'unset' | 'granted' | 'denied' = snapshot.tracking;
consent.on('change', (s) => console.log(s.tracking, s.source, tracking));
consent.grant({ source: 'user' });
consent.track({ page_title: 'Home' });
const report: PurgeReport = await consent.revokeAndPurge();
const names: string[] = report.unreachable.map((item: PurgeItem) => item.name);
console.log(names);
`;

/** Deliberate misuse beside the app: the positive control, reported by the same type-check. */
const MISUSE = `import { createConsent } from 'mautic-consent';\ncreateConsent({ mauticUrl: 3 });\n`;

/**
 * Type-checks the consumer app like \`tsc --noEmit\` with the given resolution, without
 * skipLibCheck (the default lib's own files are left alone: they are TypeScript's, not ours).
 */
const checked = new Map<string, ReturnType<typeof runTypeCheck>>();
const typeCheck = (resolution: 'bundler' | 'node16') => {
  if (!checked.has(resolution)) checked.set(resolution, runTypeCheck(resolution));
  return checked.get(resolution)!;
};
function runTypeCheck(resolution: 'bundler' | 'node16') {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: resolution === 'bundler' ? ts.ModuleKind.ESNext : ts.ModuleKind.Node16,
    moduleResolution: resolution === 'bundler' ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.Node16,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
  };
  const program = ts.createProgram([join(app(), 'app.ts'), join(app(), 'misuse.ts')], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(app().length + 1)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : '';
    return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
  const own = program.getSourceFiles().filter((f) => f.fileName.includes('/node_modules/mautic-consent/'));
  return { program, diagnostics, own };
}

let dir = '';
let tarball = '';
let packed: { files: { path: string }[] }[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mautic-consent-consumer-'));
  // `npm test` has just built dist/; a fresh clone has none, and then `prepack` builds it.
  const built = existsSync(join(ROOT, 'dist/mautic-consent.min.js')) && existsSync(join(ROOT, 'dist/types/index.d.ts'));
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', dir, ...(built ? ['--ignore-scripts'] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packed = JSON.parse(out.slice(out.indexOf('[')));
  tarball = join(dir, (packed[0] as unknown as { filename: string }).filename);
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Only the npm registry is reachable here: the tarball has no dependencies, and TypeScript is
  // this repository's own copy (a link), so the install needs no network.
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, join(ROOT, 'node_modules/typescript')], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  writeFileSync(join(app, 'app.ts'), APP);
  writeFileSync(join(app, 'misuse.ts'), MISUSE);
}, TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const app = () => join(dir, 'app');
const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: app(), encoding: 'utf8' });

describe('the packed package', () => {
  it('holds the builds, types, LICENSE, README, CHANGELOG and MIGRATION, and no sources or tests', () => {
    const files = packed[0].files.map((f) => f.path);
    for (const file of [
      'package.json', 'LICENSE', 'README.md', 'CHANGELOG.md', 'MIGRATION.md',
      'dist/mautic-consent.min.js', 'dist/mautic-consent.debug.js', 'dist/mautic-consent.mjs', 'dist/mautic-consent.tracking.min.js', 'dist/mautic-consent.embeds.min.js',
      'dist/mautic-consent.banner.min.js', 'dist/mautic-purge.html', 'dist/types/index.d.ts',
      ...['tcf', 'cookieconsent', 'klaro', 'cookiebot', 'onetrust', 'mautic'].map((name) => `dist/cmp/${name}.min.js`),
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => /^(src|test|examples|scripts)\//.test(f) || f.includes('node_modules'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.license).toBe('MIT');
  });

  it('names no document that is not in the package (type comments, builds, README and the other docs)', () => {
    const root = join(app(), 'node_modules/mautic-consent');
    const dangling = packed[0].files
      .map((f) => f.path)
      .filter((path) => /\.(d\.ts|js|mjs|html|md|tpl)$/.test(path))
      .filter((path) => /SPEC\.md|protocol §|mautic-protocol|toolchain\.md|STYLE\.md/.test(readFileSync(join(root, path), 'utf8')));
    expect(dangling).toEqual([]);
  });

  it('builds itself when packed from a fresh clone, and carries the metadata a registry page shows', () => {
    expect(pkg.scripts.prepack).toMatch(/rollup -c/);
    expect(pkg.keywords).toContain('mautic');
    expect(pkg.jsdelivr).toBe('./dist/mautic-consent.min.js');
    expect(pkg.unpkg).toBe('./dist/mautic-consent.min.js');
    // No invented addresses: the README says where the code lives until it has a public home.
    for (const field of ['repository', 'homepage', 'bugs']) {
      if (pkg[field]) expect(JSON.stringify(pkg[field])).not.toMatch(/example\.|TODO|your-/i);
    }
  });

  it('README links work on the registry page: absolute, or an anchor', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/```[\s\S]*?```/g, '');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((href) => !/^(https?:\/\/|#)/.test(href))).toEqual([]);
    // Links into the package itself name a file the tarball holds.
    const files = packed[0].files.map((f) => f.path);
    for (const href of links) {
      const inPackage = /^https:\/\/unpkg\.com\/mautic-consent(?:@[^/]+)?\/([^#?]+)/.exec(href);
      if (inPackage) expect(files, href).toContain(inPackage[1]);
    }
  });

  for (const resolution of ['bundler', 'node16'] as const) {
    it(`type-checks in a consumer app without skipLibCheck (moduleResolution ${resolution}); only the deliberate misuse is reported`, () => {
      const { diagnostics, own } = typeCheck(resolution);
      // The installed declarations were read, not skipped: index.d.ts and what it imports.
      expect(own.map((f) => f.fileName)).toContainEqual(expect.stringMatching(/dist\/types\/index\.d\.ts$/));
      expect(own.length).toBeGreaterThan(10);
      expect(diagnostics).toEqual([expect.stringMatching(/^misuse\.ts\(2\): TS2322 /)]);
    }, TIMEOUT);
  }

  it('every export of the installed types carries its doc comment', () => {
    const { program } = typeCheck('bundler');
    const checker = program.getTypeChecker();
    const entry = program.getSourceFiles().find((f) => f.fileName.endsWith('node_modules/mautic-consent/dist/types/index.d.ts'));
    expect(entry, 'index.d.ts resolved from node_modules').toBeTruthy();
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(entry!)!);
    const undocumented = exports
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '';
      })
      .map((s) => s.name);
    expect(exports.length).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
  }, TIMEOUT);

  it('imports in Node from the installed ESM build, with every export the types promise', () => {
    const r = node(`const m = await import('mautic-consent');
const consent = m.createConsent({ mauticUrl: 'https://m.example.com' });
console.log(JSON.stringify({ names: Object.keys(m).sort(), tracking: consent.state().tracking }));`);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ names: VALUE_EXPORTS, tracking: 'unset' });
  }, TIMEOUT);

  it('resolves the documented subpaths through the exports map', () => {
    const subpaths = {
      'mautic-consent/script': 'dist/mautic-consent.min.js',
      'mautic-consent/dist/mautic-consent.min.js': 'dist/mautic-consent.min.js',
      'mautic-consent/embeds': 'dist/mautic-consent.embeds.min.js',
      'mautic-consent/banner': 'dist/mautic-consent.banner.min.js',
      'mautic-consent/cmp/klaro': 'dist/cmp/klaro.min.js',
      'mautic-consent/purge-page': 'dist/mautic-purge.html',
      'mautic-consent/package.json': 'package.json',
    };
    const r = node(`import { existsSync } from 'node:fs';
const out = {};
for (const s of ${JSON.stringify(Object.keys(subpaths))}) {
  const file = new URL(import.meta.resolve(s)).pathname;
  out[s] = existsSync(file) ? file.slice(file.indexOf('/node_modules/mautic-consent/') + 29) : 'missing: ' + file;
}
console.log(JSON.stringify(out));`);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(subpaths);
  }, TIMEOUT);
});
