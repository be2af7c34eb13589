// @vitest-environment node
import Cookies from 'js-cookie';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRecord, serializeRecord } from '../../src/consent/record.js';
import {
  API_PERMISSION,
  type Call,
  createApis,
  type Environment,
  matchesUrlPattern,
  parsePermissions,
  parseTests,
  PermissionError,
  readTemplate,
  runSandboxed,
  runScenario,
  splitSections,
  type Use,
} from './gtm-sandbox.js';

/** The SDK's record cookie on https without a cookie domain; no sibling subdomain can set it. */
const HOST_RECORD = '__Host-mautic_consent';

const sections = splitSections(readTemplate());
const code = sections.SANDBOXED_JS_FOR_WEB_TEMPLATE;
const permissions = parsePermissions(sections.WEB_PERMISSIONS);
const CONSENT_TYPES = ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization'];
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const SDK = `https://cdn.jsdelivr.net/npm/mautic-consent@${version}/dist/mautic-consent.min.js`;
const ID = 'V1StGXR8_Z5jdHi6B-myT';

/** Every declared permission item that some run relied on; checked for minimality at the end. */
const uses = new Set<Use>();

const baseData = () => ({
  sdkUrl: SDK,
  mauticUrl: 'https://m.example.com',
  revision: '2',
  respectGpc: true,
  respectDnt: true,
  kiosk: false,
  cookieDomain: '',
  consentLifetime: '180',
  purgePageUrl: '',
  waitForUpdate: '500',
  grantAds: false,
  regions: '',
});

/** The cookie value as the SDK writes it: its own serialiser, percent-encoded by js-cookie. */
function storedRecord(decision: 'granted' | 'denied', revision: number, signals = { gpc: false, dnt: false }) {
  const record = createRecord(null, decision, 'user', revision, signals, new Date('2025-03-04T05:06:07.089Z'), () => ID);
  return Cookies.converter.write(serializeRecord(record), 'mautic_consent');
}

let env: Environment;
beforeEach(() => {
  env = { cookies: {}, globals: {}, scriptLoads: true, debug: false };
});

function run(data: Record<string, unknown> = baseData()) {
  const calls: Call[] = [];
  const result = runSandboxed(code, data, createApis(permissions, env, calls, uses), calls);
  const of = (api: string) => calls.filter((c) => c.api === api);
  return { ...result, of, order: calls.map((c) => c.api).filter((a) => a !== 'queryPermission') };
}

const all = (value: 'granted' | 'denied') => Object.fromEntries(CONSENT_TYPES.map((t) => [t, value]));
const analyticsOnly = { ...all('denied'), analytics_storage: 'granted' };

describe('GTM template: Consent Initialization', () => {
  it('sets the all-denied default with wait_for_update before anything else', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    const r = run();
    expect(r.order[0]).toBe('setDefaultConsentState');
    expect(r.of('setDefaultConsentState')).toEqual([{ api: 'setDefaultConsentState', args: [{ ...all('denied'), wait_for_update: 500 }] }]);
  });

  it('with no record: no update, and the SDK injected with its options in the query', () => {
    const r = run();
    expect(r.of('updateConsentState')).toEqual([]);
    const [inject] = r.of('injectScript');
    const url = new URL(inject.args[0] as string);
    expect(url.origin + url.pathname).toBe(SDK);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'mautic-url': 'https://m.example.com',
      revision: '2',
      'respect-gpc': 'true',
      'respect-dnt': 'true',
      'consent-lifetime': '180',
      'consent-mode-default': 'false',
      'consent-mode-ads': 'false',
    });
    expect(inject.args[0]).toContain('mautic-url=https%3A%2F%2Fm.example.com&');
    expect(r.success).toBe(1);
    expect(r.failure).toBe(0);
  });

  it('passes every optional field, percent-encoded, and appends to a URL that has a query', () => {
    const r = run({
      ...baseData(),
      sdkUrl: SDK + '?v=3',
      respectGpc: false,
      respectDnt: false,
      kiosk: true,
      cookieDomain: 'example.com',
      consentLifetime: '30',
      purgePageUrl: 'https://m.example.com/purge page.html?a=1&b=2',
    });
    const url = r.of('injectScript')[0].args[0] as string;
    expect(url.startsWith(SDK + '?v=3&mautic-url=')).toBe(true);
    expect(Object.fromEntries(new URL(url).searchParams)).toMatchObject({
      'respect-gpc': 'false',
      'respect-dnt': 'false',
      kiosk: 'true',
      'cookie-domain': 'example.com',
      'consent-lifetime': '30',
      'purge-page': 'https://m.example.com/purge page.html?a=1&b=2',
    });
  });

  it('falls back to safe defaults for unreadable numbers', () => {
    const r = run({ ...baseData(), revision: '-1', consentLifetime: '999', waitForUpdate: 'soon' });
    const query = new URL(r.of('injectScript')[0].args[0] as string).searchParams;
    expect(query.get('revision')).toBe('0');
    expect(query.get('consent-lifetime')).toBe('180');
    expect(r.of('setDefaultConsentState')[0].args[0]).toEqual(all('denied'));
  });

  it('queues the pageview as Mautic\'s snippet does, before the SDK is injected; not when unchecked', () => {
    const r = run();
    expect(r.order).toEqual(['setDefaultConsentState', 'getCookieValues', 'getCookieValues', 'createArgumentsQueue', 'mt', 'injectScript', 'gtmOnSuccess']);
    expect(r.of('createArgumentsQueue')[0].args).toEqual(['mt', 'mt.q']);
    expect(env.globals['mt.q']).toEqual([['send', 'pageview']]);
    expect(run({ ...baseData(), sendPageview: false }).of('createArgumentsQueue')).toEqual([]);
  });

  it('the banner and a consent tool are passed on; with a tool the stored decision is not restored', () => {
    expect(new URL(run({ ...baseData(), banner: true }).of('injectScript')[0].args[0] as string).searchParams.get('banner')).toBe('true');
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    const r = run({ ...baseData(), banner: true, cmp: 'onetrust', cmpCategory: 'C0004', cmpImplied: true });
    expect(r.of('getCookieValues')).toEqual([]);
    expect(r.of('updateConsentState')).toEqual([]);
    const query = Object.fromEntries(new URL(r.of('injectScript')[0].args[0] as string).searchParams);
    expect(query).toMatchObject({ cmp: 'onetrust', 'cmp-category': 'C0004', 'cmp-implied': 'true' });
    expect(query).not.toHaveProperty('banner');
    const unknown = run({ ...baseData(), cmp: 'usercentrics' }); // not a tool the SDK follows: ignored
    expect(unknown.of('updateConsentState')).toHaveLength(1);
    expect(new URL(unknown.of('injectScript')[0].args[0] as string).searchParams.has('cmp')).toBe(false);
  });

  it('pins the exact SDK version of this package, and leaves out wait_for_update by default', () => {
    const params = JSON.parse(sections.TEMPLATE_PARAMETERS) as { name: string; defaultValue?: unknown; subParams?: { name: string; defaultValue?: unknown }[] }[];
    const flat = params.flatMap((p) => [p, ...(p.subParams ?? [])]);
    expect(flat.find((p) => p.name === 'sdkUrl')?.defaultValue).toBe(SDK);
    expect(flat.find((p) => p.name === 'waitForUpdate')?.defaultValue).toBe('0');
    expect(flat.find((p) => p.name === 'sendPageview')?.defaultValue).toBe(true);
    expect(run({ ...baseData(), waitForUpdate: '0' }).of('setDefaultConsentState')[0].args[0]).toEqual(all('denied'));
  });

  it('adds the region list to the default and leaves out wait_for_update of 0', () => {
    const r = run({ ...baseData(), regions: ' de, fr ,US-CA,', waitForUpdate: '0' });
    expect(r.of('setDefaultConsentState')[0].args[0]).toEqual({ ...all('denied'), region: ['DE', 'FR', 'US-CA'] });
  });

  it('a granted record of this revision: update at once, analytics only', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    const r = run();
    expect(r.order.filter((api) => api !== 'copyFromWindow')).toEqual([
      'setDefaultConsentState',
      'getCookieValues',
      'getCookieValues',
      'updateConsentState',
      'createArgumentsQueue',
      'mt',
      'injectScript',
      'gtmOnSuccess',
    ]);
    expect(r.of('updateConsentState')[0].args).toEqual([analyticsOnly]);
    expect(r.of('getCookieValues').map((c) => c.args)).toEqual([[HOST_RECORD, true], ['mautic_consent', true]]);
  });

  it('a granted record with the advertising checkbox: all four granted, and the SDK told the same', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    const r = run({ ...baseData(), grantAds: true });
    expect(r.of('updateConsentState')[0].args).toEqual([all('granted')]);
    expect(r.of('injectScript')[0].args[0]).toContain('consent-mode-ads=true');
  });

  it('a denied record: all four denied, with or without the checkbox', () => {
    env.cookies[HOST_RECORD] = [storedRecord('denied', 2)];
    expect(run().of('updateConsentState')[0].args).toEqual([all('denied')]);
    expect(run({ ...baseData(), grantAds: true }).of('updateConsentState')[0].args).toEqual([all('denied')]);
  });

  it('a signal switched on after a grant wins, as in the SDK; a grant made under the signal stands', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    env.globals['navigator.globalPrivacyControl'] = true;
    expect(run().of('updateConsentState')[0].args).toEqual([all('denied')]);
    expect(run({ ...baseData(), respectGpc: false }).of('updateConsentState')[0].args).toEqual([analyticsOnly]);

    env.cookies[HOST_RECORD] = [storedRecord('granted', 2, { gpc: true, dnt: false })];
    expect(run().of('updateConsentState')[0].args).toEqual([analyticsOnly]);

    for (const key of ['navigator.doNotTrack', 'doNotTrack', 'navigator.msDoNotTrack']) {
      env.globals = { [key]: key === 'doNotTrack' ? 'yes' : '1' };
      env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
      expect(run().of('updateConsentState')[0].args, key).toEqual([all('denied')]);
      env.cookies[HOST_RECORD] = [storedRecord('granted', 2, { gpc: false, dnt: true })];
      expect(run().of('updateConsentState')[0].args, key).toEqual([analyticsOnly]);
    }
  });

  it('reads no signal unless a granted record needs it', () => {
    env.cookies[HOST_RECORD] = [storedRecord('denied', 2)];
    expect(run().of('copyFromWindow')).toEqual([]);
  });

  it('kiosk mode ignores the record, as the SDK does', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    const r = run({ ...baseData(), kiosk: true });
    expect(r.of('getCookieValues')).toEqual([]);
    expect(r.of('updateConsentState')).toEqual([]);
  });

  it('a record of another revision counts as no record', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 1)];
    expect(run().of('updateConsentState')).toEqual([]);
    env.cookies[HOST_RECORD] = [storedRecord('granted', 3)];
    expect(run().of('updateConsentState')).toEqual([]);
  });

  const valid = JSON.parse(decodeURIComponent(storedRecord('granted', 2)));
  const tampered: [string, string][] = [
    ['bad JSON', '{"v":1,'],
    ['not an object', '"g"'],
    ['null', 'null'],
    ['an array', '[1]'],
    ['empty', ''],
    ['bad percent-encoding', '%E0%A4%A'],
    ['too long', JSON.stringify({ ...valid, x: 'a'.repeat(600) })],
    ...(
      [
        ['id too short', { id: 'abc' }],
        ['id too long', { id: ID + 'x' }],
        ['id with a bad character', { id: 'V1StGXR8_Z5jdHi6B-my!' }],
        ['d not g or d', { d: 'granted' }],
        ['unknown version', { v: 2 }],
        ['unknown source', { s: 'gpc' }],
        ['time not ISO', { f: 'yesterday' }],
        ['time run backwards', { u: '2020-01-01T00:00:00.000Z' }],
        ['revision as string', { r: '2' }],
        ['flag not 0/1', { g: true }],
        ['missing field', { t: undefined }],
      ] as [string, Record<string, unknown>][]
    ).map(([what, patch]): [string, string] => [what, Cookies.converter.write(JSON.stringify({ ...valid, ...patch }), 'mautic_consent')]),
  ];
  it.each(tampered)('a tampered record (%s) counts as no record, without an exception', (_what, raw) => {
    env.cookies[HOST_RECORD] = [raw];
    const r = run();
    expect(r.of('updateConsentState')).toEqual([]);
    expect(r.of('injectScript')).toHaveLength(1);
    expect(r.success).toBe(1);
  });

  it('of several records the most restrictive counts, whichever comes first', () => {
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2), storedRecord('denied', 2)];
    expect(run().of('updateConsentState')[0].args).toEqual([all('denied')]);
  });

  it('a grant under the unprefixed name (which a sibling subdomain can set) counts only with a cookie domain; a refusal there always', () => {
    env.cookies.mautic_consent = [storedRecord('granted', 2)];
    expect(run().of('updateConsentState')).toEqual([]);
    expect(run({ ...baseData(), cookieDomain: 'example.com' }).of('updateConsentState')[0].args).toEqual([analyticsOnly]);
    env.cookies[HOST_RECORD] = [storedRecord('granted', 2)];
    env.cookies.mautic_consent = [storedRecord('denied', 2)];
    expect(run().of('updateConsentState')[0].args).toEqual([all('denied')]);
  });

  it('calls gtmOnFailure when the script fails to load', () => {
    env.scriptLoads = false;
    const r = run();
    expect(r.failure).toBe(1);
    expect(r.success).toBe(0);
  });

  it('fails the tag, after setting the default, when the SDK URL is not https or not allowed', () => {
    for (const sdkUrl of ['http://cdn.jsdelivr.net/npm/mautic-consent@0/dist/mautic-consent.min.js', 'https://evil.example/x.js', '']) {
      const r = run({ ...baseData(), sdkUrl });
      expect(r.order[0]).toBe('setDefaultConsentState');
      expect(r.of('injectScript')).toEqual([]);
      expect(r.failure).toBe(1);
    }
    expect(run({ ...baseData(), mauticUrl: '' }).failure).toBe(1);
  });
});

describe('GTM template: permissions', () => {
  const requiredApis = [...code.matchAll(/require\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]);

  it('declares exactly the permissions the required APIs need', () => {
    for (const api of requiredApis) expect(API_PERMISSION, api).toHaveProperty(api);
    const needed = new Set(requiredApis.map((api) => API_PERMISSION[api]).filter(Boolean));
    expect(new Set(Object.keys(permissions))).toEqual(needed);
  });

  it('asks write-only access to exactly the four consent types', () => {
    const types = permissions.access_consent.consentTypes as { consentType: string; read: boolean; write: boolean }[];
    expect(types.map((t) => t.consentType).sort()).toEqual([...CONSENT_TYPES].sort());
    for (const t of types) expect(t).toMatchObject({ read: false, write: true });
  });

  it('reads exactly the consent record cookies, mautic_consent and __Host-mautic_consent', () => {
    expect(permissions.get_cookies).toEqual({ cookieAccess: 'specific', cookieNames: ['mautic_consent', HOST_RECORD] });
  });

  it('reads the four signal globals only; writes only the mt() queue', () => {
    const keys = permissions.access_globals.keys as { key: string; read: boolean; write: boolean; execute: boolean }[];
    expect(keys.map((k) => k.key).sort()).toEqual(['doNotTrack', 'mt', 'mt.q', 'navigator.doNotTrack', 'navigator.globalPrivacyControl', 'navigator.msDoNotTrack']);
    for (const k of keys.filter((k) => !k.key.startsWith('mt'))) expect(k).toMatchObject({ read: true, write: false, execute: false });
    expect(keys.find((k) => k.key === 'mt')).toMatchObject({ read: true, write: true, execute: true });
    expect(keys.find((k) => k.key === 'mt.q')).toMatchObject({ read: true, write: true, execute: false });
  });

  it('injects scripts from one https pattern that covers the default SDK URL', () => {
    const urls = permissions.inject_script.urls as string[];
    expect(urls).toHaveLength(1);
    expect(urls[0].startsWith('https://')).toBe(true);
    expect(matchesUrlPattern(SDK + '?mautic-url=x', urls[0])).toBe(true);
  });

  it('does not log, and so asks no logging permission', () => {
    expect(requiredApis).not.toContain('logToConsole');
    expect(permissions).not.toHaveProperty('logging');
  });

  it('the harness enforces them: undeclared cookie, consent type, global or URL throws', () => {
    const apis = createApis(permissions, env, [], new Set()) as Record<string, (...a: unknown[]) => unknown>;
    expect(() => apis.getCookieValues('mtc_id')).toThrow(PermissionError);
    expect(() => apis.updateConsentState({ functionality_storage: 'granted' })).toThrow(PermissionError);
    expect(() => apis.copyFromWindow('document.cookie')).toThrow(PermissionError);
    expect(() => apis.injectScript('https://evil.example/x.js', () => {}, () => {})).toThrow(PermissionError);
    expect(() => apis.logToConsole('x')).toThrow(PermissionError);
    expect(() => createApis({}, env, [], new Set()).setDefaultConsentState as never).not.toThrow();
    expect(() => (createApis({}, env, [], new Set()).setDefaultConsentState as (s: unknown) => void)({ ad_storage: 'denied' })).toThrow(
      PermissionError,
    );
  });

  it('URL patterns: https only, host exact or subdomain wildcard, path exact or prefix', () => {
    expect(matchesUrlPattern('https://a.example/x/y.js', 'https://a.example/x/')).toBe(true);
    expect(matchesUrlPattern('https://a.example/xy.js', 'https://a.example/x/')).toBe(false);
    expect(matchesUrlPattern('http://a.example/x/y.js', 'https://a.example/x/')).toBe(false);
    expect(matchesUrlPattern('https://b.a.example/y.js', 'https://*.a.example/')).toBe(true);
    expect(matchesUrlPattern('https://a.example.evil/y.js', 'https://a.example/')).toBe(false);
    expect(matchesUrlPattern('https://a.example/y.js?q=1', 'https://a.example/y.js')).toBe(true);
  });
});

describe('GTM template: sandbox language subset', () => {
  // Sandboxed JavaScript is ECMAScript 5.1 plus arrow functions and const/let: no `new`, no `this`,
  // no global constructors or objects (window, Math, Date, RegExp …) unless required.
  const stripped = code.replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
  it.each([
    ['class', /\bclass\b/],
    ['new', /\bnew\b/],
    ['this', /\bthis\b/],
    ['template literals', /`/],
    ['regular expression literals', /(^|[=(,:!&|?{};]\s*)\/(?![/*])[^/\n]+\/[gimsuy]*/m],
    ['spread or rest', /\.\.\./],
    ['for…of / for…in', /\bfor\s*\([^)]*\b(of|in)\b/],
    ['try/catch', /\btry\b|\bcatch\b/],
    ['async, await, yield, generators', /\basync\b|\bawait\b|\byield\b|function\s*\*/],
    ['destructuring declarations', /\b(const|let|var)\s*[[{]/],
    ['default parameters', /function\s*\w*\s*\([^)]*=/],
    ['import/export', /^\s*(import|export)\b/m],
    ['globals of the browser or Node', /\b(window|document|navigator|Math|Date|RegExp|Object|Array|String|Number|Promise|setTimeout|encodeURIComponent|decodeURIComponent|console|globalThis)\s*[.(]/],
  ])('uses no %s', (_what, pattern) => {
    expect(stripped).not.toMatch(pattern);
  });

  it('requires every API it names before use, each once', () => {
    const names = [...code.matchAll(/const (\w+) = require\('(\w+)'\);/g)];
    expect(names.length).toBeGreaterThan(0);
    for (const [, local, api] of names) expect(local).toBe(api);
    expect(new Set(names.map((n) => n[2])).size).toBe(names.length);
  });

  it('parses as a function body in strict mode', () => {
    expect(() => new Function('require', 'data', `'use strict';\n${code}`)).not.toThrow();
  });
});

describe('GTM template: the ___TESTS___ scenarios', () => {
  const { scenarios, setup } = parseTests(sections.TESTS);
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });
  it.each(scenarios.map((s) => [s.name, s.code]))('%s', (_name, scenario) => {
    runScenario(code, permissions, setup, scenario, uses);
  });
});

describe('GTM template: every declared permission item is used', () => {
  // Vitest runs a file's tests in order, so the runs above have recorded what they relied on.
  it('each consent type, cookie, global and URL pattern was needed by some run', () => {
    const declared: Use[] = [
      ...(permissions.access_consent.consentTypes as { consentType: string }[]).map((t) => `access_consent:write:${t.consentType}` as Use),
      ...(permissions.get_cookies.cookieNames as string[]).map((n) => `get_cookies:${n}` as Use),
      ...(permissions.access_globals.keys as { key: string; read: boolean; write: boolean; execute: boolean }[]).flatMap((k) =>
        (['read', 'write', 'execute'] as const).filter((a) => k[a]).map((a) => `access_globals:${a}:${k.key}` as Use),
      ),
      ...(permissions.inject_script.urls as string[]).map((u) => `inject_script:${u}` as Use),
    ];
    expect(declared.filter((d) => !uses.has(d))).toEqual([]);
    expect([...uses].filter((u) => !declared.includes(u))).toEqual([]);
  });
});
