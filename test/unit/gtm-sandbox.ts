/**
 * A stand-in for Google Tag Manager's template sandbox, enough to run `gtm/template.tpl` in Node:
 * the sandboxed code runs in `vm` with `require()` returning recording fakes of the sandbox APIs,
 * and each fake enforces the template's own `___WEB_PERMISSIONS___` the way GTM does (a call the
 * permissions do not cover throws). It also runs the template's `___TESTS___` scenarios with a
 * small version of GTM's test API (`mock`, `runCode`, `assertApi`, `assertThat`, `fail`).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import vm from 'node:vm';

export const TEMPLATE_PATH = new URL('../../gtm/template.tpl', import.meta.url);

export function readTemplate(): string {
  return readFileSync(TEMPLATE_PATH, 'utf8');
}

/** The sections of a `.tpl` file by name (`___INFO___` → `INFO`). */
export function splitSections(tpl: string): Record<string, string> {
  const sections: Record<string, string> = {};
  const parts = tpl.split(/^___([A-Z_]+)___[ \t]*$/m);
  for (let i = 1; i < parts.length; i += 2) sections[parts[i]] = parts[i + 1].trim();
  return sections;
}

interface GtmValue {
  type: number;
  string?: string;
  boolean?: boolean;
  listItem?: GtmValue[];
  mapKey?: GtmValue[];
  mapValue?: GtmValue[];
}
interface PermissionEntry {
  instance: { key: { publicId: string }; param?: { key: string; value: GtmValue }[] };
}

/** GTM's typed values (1 string, 2 list, 3 map, 8 boolean) as plain JSON values. */
function plain(value: GtmValue): unknown {
  switch (value.type) {
    case 1:
      return value.string;
    case 8:
      return value.boolean;
    case 2:
      return (value.listItem ?? []).map(plain);
    case 3: {
      const out: Record<string, unknown> = {};
      (value.mapKey ?? []).forEach((k, i) => (out[String(plain(k))] = plain(value.mapValue![i])));
      return out;
    }
    default:
      throw new Error(`unknown GTM value type ${value.type}`);
  }
}

/** Permissions by id, each with its parameters as plain values. */
export type Permissions = Record<string, Record<string, unknown>>;

export function parsePermissions(json: string): Permissions {
  const out: Permissions = {};
  for (const entry of JSON.parse(json) as PermissionEntry[]) {
    const params: Record<string, unknown> = {};
    for (const p of entry.instance.param ?? []) params[p.key] = plain(p.value);
    const id = entry.instance.key.publicId;
    if (out[id]) throw new Error(`permission ${id} declared twice`);
    out[id] = params;
  }
  return out;
}

/**
 * GTM URL match pattern: https only, host exact or `*.` for subdomains, path exact unless the
 * pattern's path ends in `/` or `*` (then a prefix). Query and fragment of the URL are not matched.
 */
export function matchesUrlPattern(url: string, pattern: string): boolean {
  let u: URL, p: URL;
  try {
    u = new URL(url);
    p = new URL(pattern.replace('://*.', '://wildcard.'));
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || p.protocol !== 'https:') return false;
  const wildcard = pattern.includes('://*.');
  const host = p.hostname.replace(/^wildcard\./, '');
  if (wildcard ? !u.hostname.endsWith('.' + host) : u.hostname !== p.hostname) return false;
  if (p.port !== u.port) return false;
  const path = decodeURIComponent(p.pathname);
  if (path.endsWith('*')) return u.pathname.startsWith(path.slice(0, -1));
  if (path.endsWith('/')) return u.pathname.startsWith(path);
  return u.pathname === path;
}

const CONSENT_KEYS_NOT_TYPES = new Set(['region', 'wait_for_update']);

/** What each sandbox API needs; `null` for the APIs GTM lets every template use. */
export const API_PERMISSION: Record<string, string | null> = {
  setDefaultConsentState: 'access_consent',
  updateConsentState: 'access_consent',
  isConsentGranted: 'access_consent',
  addConsentListener: 'access_consent',
  getCookieValues: 'get_cookies',
  injectScript: 'inject_script',
  copyFromWindow: 'access_globals',
  setInWindow: 'access_globals',
  callInWindow: 'access_globals',
  createArgumentsQueue: 'access_globals',
  logToConsole: 'logging',
  queryPermission: null,
  encodeUriComponent: null,
  encodeUri: null,
  makeInteger: null,
  makeNumber: null,
  makeString: null,
  getType: null,
  JSON: null,
};

export class PermissionError extends Error {}

/** One use of a declared permission item, for the minimality check. */
export type Use = `${string}:${string}`;

export interface Environment {
  cookies: Record<string, string[]>;
  globals: Record<string, unknown>;
  /** Called as the injected script "loads": `true` success, `false` failure, `'pending'` neither. */
  scriptLoads: boolean | 'pending';
  debug: boolean;
}

export interface Call {
  api: string;
  args: unknown[];
}

/**
 * The sandbox APIs over `env`, each checking `permissions` first. `calls` records every call in
 * order; `uses` records which declared permission item each allowed call relied on.
 */
export function createApis(permissions: Permissions, env: Environment, calls: Call[], uses: Set<Use>) {
  const need = (id: string): Record<string, unknown> => {
    const p = permissions[id];
    if (!p) throw new PermissionError(`permission ${id} is not declared`);
    return p;
  };
  const consent = (settings: Record<string, unknown>, access: 'write' | 'read') => {
    const types = (need('access_consent').consentTypes ?? []) as { consentType: string; read: boolean; write: boolean }[];
    for (const key of Object.keys(settings)) {
      if (CONSENT_KEYS_NOT_TYPES.has(key)) continue;
      const entry = types.find((t) => t.consentType === key);
      if (!entry || !entry[access]) throw new PermissionError(`access_consent: no ${access} access to ${key}`);
      const value = settings[key];
      if (value !== 'granted' && value !== 'denied') throw new Error(`consent value for ${key} must be granted or denied`);
      uses.add(`access_consent:${access}:${key}`);
    }
  };
  const allowed: Record<string, (...args: unknown[]) => boolean> = {
    get_cookies: (name) => {
      const p = need('get_cookies');
      const ok = p.cookieAccess === 'any' || ((p.cookieNames ?? []) as string[]).includes(String(name));
      if (ok) uses.add(`get_cookies:${name}`);
      return ok;
    },
    inject_script: (url) => {
      const pattern = ((need('inject_script').urls ?? []) as string[]).find((p) => matchesUrlPattern(String(url), p));
      if (pattern) uses.add(`inject_script:${pattern}`);
      return Boolean(pattern);
    },
    access_globals: (access, key) => {
      const keys = (need('access_globals').keys ?? []) as { key: string; read: boolean; write: boolean; execute: boolean }[];
      const entry = keys.find((k) => k.key === key);
      const ok = Boolean(entry && entry[access as 'read']);
      if (ok) uses.add(`access_globals:${access}:${key}`);
      return ok;
    },
    logging: () => {
      const env_ = need('logging').environments;
      uses.add('logging:environments');
      return env_ === 'all' || (env_ === 'debug' && env.debug);
    },
  };
  const record = (api: string, args: unknown[]) => calls.push({ api, args: structuredClone(args.filter((a) => typeof a !== 'function')) });

  const apis: Record<string, unknown> = {
    setDefaultConsentState(settings: Record<string, unknown>) {
      consent(settings, 'write');
      record('setDefaultConsentState', [settings]);
    },
    updateConsentState(settings: Record<string, unknown>) {
      consent(settings, 'write');
      record('updateConsentState', [settings]);
    },
    getCookieValues(name: string, decode?: boolean) {
      if (!allowed.get_cookies(name)) throw new PermissionError(`get_cookies: ${name} not allowed`);
      record('getCookieValues', [name, decode]);
      return (env.cookies[name] ?? []).map((raw) => {
        if (decode === false) return raw;
        try {
          return decodeURIComponent(raw);
        } catch {
          return raw;
        }
      });
    },
    copyFromWindow(key: string) {
      if (!allowed.access_globals('read', key)) throw new PermissionError(`access_globals: no read access to ${key}`);
      record('copyFromWindow', [key]);
      return structuredClone(env.globals[key]);
    },
    // GTM: a function at window[fnKey] that pushes its arguments onto window[arrayKey]; the
    // template needs read and write of both keys, and executes the function it gets back.
    createArgumentsQueue(fnKey: string, arrayKey: string) {
      for (const [access, key] of [['read', fnKey], ['write', fnKey], ['read', arrayKey], ['write', arrayKey]]) {
        if (!allowed.access_globals(access, key)) throw new PermissionError(`access_globals: no ${access} access to ${key}`);
      }
      record('createArgumentsQueue', [fnKey, arrayKey]);
      const queue = (env.globals[arrayKey] ??= []) as unknown[][];
      return (...args: unknown[]) => {
        if (!allowed.access_globals('execute', fnKey)) throw new PermissionError(`access_globals: no execute access to ${fnKey}`);
        queue.push(args);
        record(fnKey, args);
      };
    },
    injectScript(url: string, onSuccess: () => void, onFailure: () => void, cacheToken?: string) {
      if (!allowed.inject_script(url)) throw new PermissionError(`inject_script: ${url} matches no allowed pattern`);
      record('injectScript', [url, cacheToken]);
      if (env.scriptLoads === true) onSuccess();
      else if (env.scriptLoads === false) onFailure();
    },
    logToConsole(...args: unknown[]) {
      if (allowed.logging()) record('logToConsole', args);
    },
    queryPermission(id: string, ...args: unknown[]) {
      record('queryPermission', [id, ...args]);
      if (!permissions[id]) return false;
      const check = allowed[id];
      return check ? check(...args) : true;
    },
    encodeUriComponent: (value: string) => encodeURIComponent(value),
    encodeUri: (value: string) => encodeURI(value),
    makeInteger: (value: unknown) => Math.trunc(Number(value)),
    makeNumber: (value: unknown) => Number(value),
    makeString: (value: unknown) => String(value),
    getType: (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value),
    // GTM's JSON.parse returns undefined for text it cannot parse instead of throwing.
    JSON: Object.freeze({
      parse(text: string) {
        try {
          return JSON.parse(text);
        } catch {
          return undefined;
        }
      },
      stringify: (value: unknown) => JSON.stringify(value),
    }),
  };
  return apis;
}

export interface RunResult {
  calls: Call[];
  required: string[];
  success: number;
  failure: number;
}

/** Runs `code` once as GTM runs a tag: the body of a function of `data`, with `require`. */
export function runSandboxed(
  code: string,
  data: Record<string, unknown>,
  apis: Record<string, unknown>,
  calls: Call[],
  mocks: Record<string, unknown> = {},
): RunResult {
  const required: string[] = [];
  const outcome = { success: 0, failure: 0 };
  const sandboxRequire = (name: string) => {
    if (!(name in API_PERMISSION)) throw new Error(`require('${name}'): not a sandbox API this harness knows`);
    required.push(name);
    if (name in mocks) return wrapMock(name, mocks[name], apis, calls);
    return apis[name];
  };
  const fullData = {
    ...data,
    gtmOnSuccess: () => {
      outcome.success++;
      calls.push({ api: 'gtmOnSuccess', args: [] });
    },
    gtmOnFailure: () => {
      outcome.failure++;
      calls.push({ api: 'gtmOnFailure', args: [] });
    },
  };
  // Nothing from Node's global scope: the sandbox has no window, setTimeout, Math, Date, ….
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
  const fn = vm.runInContext(`(function (require, data) {\n'use strict';\n${code}\n})`, context) as (r: unknown, d: unknown) => void;
  fn(sandboxRequire, fullData);
  return { calls, required, ...outcome };
}

/** A test mock that still answers to the permissions, as the real API would have. */
function wrapMock(name: string, mock: unknown, apis: Record<string, unknown>, calls: Call[]) {
  if (typeof mock !== 'function') return () => mock;
  return (...args: unknown[]) => {
    const query = apis.queryPermission as (...a: unknown[]) => boolean;
    const denied = () => {
      throw new PermissionError(`${name}: not allowed by the template's permissions`);
    };
    if (name === 'getCookieValues' && !query('get_cookies', args[0])) denied();
    if (name === 'injectScript' && !query('inject_script', args[0])) denied();
    if (name === 'copyFromWindow' && !query('access_globals', 'read', args[0])) denied();
    if (name === 'setDefaultConsentState' || name === 'updateConsentState') {
      // Let the real fake check the consent types, then drop its record: the mock stands in.
      const before = calls.length;
      (apis[name] as (s: unknown) => void)(args[0]);
      calls.splice(before);
    }
    calls.push({ api: name, args: structuredClone(args.filter((a) => typeof a !== 'function')) });
    return (mock as (...a: unknown[]) => unknown)(...args);
  };
}

/** The `___TESTS___` section: `scenarios` (name + code) and `setup`, in the block style GTM writes. */
export function parseTests(yaml: string): { scenarios: { name: string; code: string }[]; setup: string } {
  const lines = yaml.split('\n');
  const scenarios: { name: string; code: string }[] = [];
  let setup = '';
  const block = (start: number, indent: string) => {
    const out: string[] = [];
    let i = start;
    for (; i < lines.length && (lines[i].startsWith(indent) || lines[i].trim() === ''); i++) out.push(lines[i].slice(indent.length));
    return { text: out.join('\n').trimEnd(), next: i };
  };
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const name = /^- name: (.*)$/.exec(line);
    if (name) {
      if (lines[i + 1] !== '  code: |-') throw new Error(`scenario "${name[1]}": expected "  code: |-"`);
      const { text, next } = block(i + 2, '    ');
      scenarios.push({ name: name[1].trim(), code: text });
      i = next;
    } else if (line === 'setup: |-') {
      const { text, next } = block(i + 1, '  ');
      setup = text;
      i = next;
    } else if (line === 'scenarios:' || line.trim() === '') i++;
    else throw new Error(`___TESTS___: cannot read line ${i + 1}: ${line}`);
  }
  return { scenarios, setup };
}

/**
 * Runs one `___TESTS___` scenario with GTM's test API. Throws on the first failed assertion.
 */
export function runScenario(templateCode: string, permissions: Permissions, setup: string, scenario: string, uses: Set<Use>) {
  const mocks: Record<string, unknown> = {};
  let runs: Call[][] = [];
  const apisFor = (calls: Call[]) =>
    createApis(permissions, { cookies: {}, globals: {}, scriptLoads: true, debug: true }, calls, uses);
  const runCode = (data: Record<string, unknown>) => {
    const calls: Call[] = [];
    runs.push(calls);
    runSandboxed(templateCode, structuredClone(data), apisFor(calls), calls, { ...mocks });
  };
  const allCalls = () => runs.flat();
  const assertApi = (api: string) => {
    const matching = () => allCalls().filter((c) => c.api === api);
    return {
      wasCalled() {
        if (!matching().length) throw new Error(`assertApi('${api}').wasCalled(): it was not`);
      },
      wasNotCalled() {
        if (matching().length) throw new Error(`assertApi('${api}').wasNotCalled(): called ${JSON.stringify(matching())}`);
      },
      wasCalledWith(...args: unknown[]) {
        if (!matching().some((c) => isDeepStrictEqual(c.args.slice(0, args.length), plainCopy(args))))
          throw new Error(`assertApi('${api}').wasCalledWith(${JSON.stringify(args)}): calls were ${JSON.stringify(matching())}`);
      },
      wasNotCalledWith(...args: unknown[]) {
        if (matching().some((c) => isDeepStrictEqual(c.args.slice(0, args.length), plainCopy(args))))
          throw new Error(`assertApi('${api}').wasNotCalledWith(${JSON.stringify(args)}): it was`);
      },
    };
  };
  const assertThat = (actual: unknown) => {
    const check = (ok: boolean, what: string) => {
      if (!ok) throw new Error(`assertThat(${JSON.stringify(actual)}).${what}`);
    };
    return {
      isEqualTo: (expected: unknown) => check(isDeepStrictEqual(plainCopy(actual), plainCopy(expected)), `isEqualTo(${JSON.stringify(expected)})`),
      isNotEqualTo: (expected: unknown) => check(!isDeepStrictEqual(plainCopy(actual), plainCopy(expected)), `isNotEqualTo(${JSON.stringify(expected)})`),
      isTrue: () => check(actual === true, 'isTrue()'),
      isFalse: () => check(actual === false, 'isFalse()'),
      isUndefined: () => check(actual === undefined, 'isUndefined()'),
      isDefined: () => check(actual !== undefined, 'isDefined()'),
    };
  };
  const testRequire = (name: string) => {
    if (!(name in API_PERMISSION)) throw new Error(`require('${name}') in a test: unknown API`);
    return apisFor([])[name];
  };
  const api = {
    require: testRequire,
    mock: (name: string, value: unknown) => {
      mocks[name] = value;
    },
    runCode,
    assertApi,
    assertThat,
    fail: (message: string) => {
      throw new Error(message);
    },
  };
  runs = [];
  const context = vm.createContext(Object.create(null));
  const fn = vm.runInContext(
    `(function (require, mock, runCode, assertApi, assertThat, fail) {\n'use strict';\n${setup}\n${scenario}\n})`,
    context,
  ) as (...a: unknown[]) => void;
  fn(api.require, api.mock, api.runCode, api.assertApi, api.assertThat, api.fail);
}

/** Values from another vm context have other prototypes; compare them as plain JSON-like data. */
function plainCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
