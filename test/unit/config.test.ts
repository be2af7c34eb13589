import { describe, expect, it, vi } from 'vitest';
import { normalizeOptions, readScriptOptions, SCRIPT_ATTRIBUTES } from '../../src/core/options';

const page = new URL('https://www.shop.test/blog/post') as unknown as Location;
const attr = (option: string) => SCRIPT_ATTRIBUTES[option as keyof typeof SCRIPT_ATTRIBUTES] ?? option;

function normalize(options: Record<string, unknown>, location: Location | undefined = page) {
  const warn = vi.fn();
  return { config: normalizeOptions(options, location, warn, attr), warnings: warn.mock.calls.map((c) => c[1] as string) };
}

describe('normalizeOptions', () => {
  it('keeps fit purge names and refuses *, short prefixes and the record, one warning each', () => {
    const { config, warnings } = normalize({ mauticUrl: 'https://m.shop.test', purgeNames: ['*', 'm*', '_mtm_visitor', 'mautic_consent', 'tracker_*'] });
    expect(config.purgeNames).toEqual(['_mtm_visitor', 'tracker_*']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe('data-purge-names: "*" would match every cookie; ignored.');
    expect(warnings[1]).toContain('"m*" is a prefix too short');
    expect(warnings[2]).toContain('"mautic_consent" is the consent record');
  });

  it('gives the documented defaults', () => {
    const { config, warnings } = normalize({ mauticUrl: 'https://m.shop.test/' });
    expect(config).toEqual({
      mauticUrl: 'https://m.shop.test', mauticHost: 'm.shop.test', respectGpc: true, respectDnt: true,
      kiosk: false, cookieDomain: undefined, revision: 0, consentLifetime: 180, consentLogUrl: undefined,
      purgeNames: [], purgePageUrl: undefined, stripUtm: false, nonce: undefined, cmp: undefined,
      focusScripts: 'auto', debug: false,
    });
    // The script tag's own options only where the tag is read.
    expect(Object.keys(config)).not.toContain('banner');
    const tag = normalizeOptions({ mauticUrl: 'https://m.shop.test' }, page, vi.fn(), attr, true);
    expect(tag).toMatchObject({ banner: false, consentMode: true, consentModeAds: false, consentModeDefault: true, cmpCategory: undefined, cmpImplied: false });
    expect(warnings).toEqual([]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps a sub-path install and upgrades to https on an https page, as mtc.js does', () => {
    expect(normalize({ mauticUrl: 'http://shop.test/mautic/' }).config.mauticUrl).toBe('https://shop.test/mautic');
    const http = new URL('http://www.shop.test/') as unknown as Location;
    expect(normalize({ mauticUrl: 'http://m.shop.test' }, http).config.mauticUrl).toBe('http://m.shop.test');
  });

  it('warns once, naming the attribute, for a missing URL', () => {
    const { config, warnings } = normalize({});
    expect(config.mauticUrl).toBe('');
    expect(warnings).toEqual(['data-mautic-url is missing: consent works, nothing is sent to Mautic.']);
  });

  it.each([
    ['mauticUrl', 'javascript:alert(1)', 'mauticUrl', ''],
    ['mauticUrl', 'm.shop.test', 'mauticUrl', ''],
    ['mauticUrl', 'https://m.shop.test/?x=1', 'mauticUrl', ''],
    ['respectGpc', 'maybe', 'respectGpc', true],
    ['respectDnt', 0, 'respectDnt', true],
    ['kiosk', 'yes', 'kiosk', true],
    ['cookieDomain', 'other.test', 'cookieDomain', undefined],
    ['cookieDomain', 'test', 'cookieDomain', undefined],
    ['revision', -1, 'revision', 0],
    ['revision', 'v2', 'revision', 0],
    ['consentLifetime', 0, 'consentLifetime', 180],
    ['consentLifetime', 1000, 'consentLifetime', 180],
    ['consentLogUrl', 'ftp://x', 'consentLogUrl', undefined],
    ['purgeNames', 'abc', 'purgeNames', []],
    ['nonce', 'a b"><script>', 'nonce', undefined],
    ['nonce', 42, 'nonce', undefined],
  ])('%s=%j falls back to the safe value with one warning', (option, value, key, fallback) => {
    const { config, warnings } = normalize({ mauticUrl: 'https://m.shop.test', [option]: value });
    expect(config[key as keyof typeof config]).toEqual(fallback);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${attr(option)}=${JSON.stringify(value)}`);
  });

  it('reads the focus-script choice and debug, with one warning and the default for a bad value', () => {
    expect(normalize({ mauticUrl: 'https://m.shop.test', focusScripts: 'split', debug: true }).config).toMatchObject({ focusScripts: 'split', debug: true });
    const { config, warnings } = normalize({ mauticUrl: 'https://m.shop.test', focusScripts: 'both' as any });
    expect(config.focusScripts).toBe('auto');
    expect(warnings).toEqual(['data-focus-scripts="both" is not auto or split; using auto.']);
    const el = document.createElement('script');
    el.setAttribute('data-focus-scripts', 'split');
    el.setAttribute('data-debug', '');
    expect(readScriptOptions(el)).toEqual({ focusScripts: 'split', debug: true });
  });

  it('accepts a parent domain, with or without a leading dot', () => {
    expect(normalize({ mauticUrl: 'https://m.shop.test', cookieDomain: '.Shop.test' }).config.cookieDomain).toBe('shop.test');
    expect(normalize({ mauticUrl: 'https://m.shop.test', cookieDomain: 'www.shop.test' }).config.cookieDomain).toBe('www.shop.test');
  });
});

describe('readScriptOptions', () => {
  const script = (attrs: Record<string, string>) => {
    const el = document.createElement('script');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  it('reads the nonce from the property, where browsers keep it once the attribute is hidden', () => {
    const el = script({ 'data-mautic-url': 'https://m.shop.test' });
    el.nonce = 'c2VjcmV0';
    expect(readScriptOptions(el).nonce).toBe('c2VjcmV0');
    expect(readScriptOptions(script({ 'data-mautic-url': 'https://m.shop.test' })).nonce).toBeUndefined();
  });

  it('reads every attribute', () => {
    expect(readScriptOptions(script({
      'data-mautic-url': ' https://m.shop.test ', 'data-respect-gpc': 'false', 'data-respect-dnt': 'TRUE',
      'data-kiosk': '', 'data-cookie-domain': 'shop.test', 'data-revision': '3', 'data-consent-lifetime': '30',
      'data-consent-log-url': 'https://log.test/r', 'data-banner': '', 'data-purge-names': '_ga, my_id  other*',
    }))).toEqual({
      mauticUrl: 'https://m.shop.test', respectGpc: false, respectDnt: true, kiosk: true, cookieDomain: 'shop.test',
      revision: 3, consentLifetime: 30, consentLogUrl: 'https://log.test/r', banner: true, purgeNames: ['_ga', 'my_id', 'other*'],
    });
  });
  it('passes unreadable values on so the warning can show them', () => {
    expect(readScriptOptions(script({ 'data-kiosk': 'sometimes', 'data-revision': 'two' }))).toEqual({ kiosk: 'sometimes', revision: 'two' });
  });
  it('reads options from the script URL, for the unchanged Mautic loader snippet', () => {
    expect(readScriptOptions(script({ src: '/dist/mautic-consent.min.js?mautic-url=https%3A%2F%2Fm.shop.test&kiosk&revision=2' })))
      .toEqual({ mauticUrl: 'https://m.shop.test', kiosk: true, revision: 2 });
    expect(readScriptOptions(script({ src: '/x.js?mautic-url=https://a.test', 'data-mautic-url': 'https://b.test' })))
      .toEqual({ mauticUrl: 'https://b.test' });
  });
  it('reads nothing from no script', () => {
    expect(readScriptOptions(null)).toEqual({});
  });
});
