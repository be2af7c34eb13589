import type { ConsentOptions } from '../types.js';
import type { Warn } from './log.js';
import { ATTR_PREFIX, DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS } from './constants.js';
import { purgeNameProblem } from '../purge/local.js';
import { CMP_NAMES } from '../adapters/names.js';

/** Options after validation: every value present and safe. */
export interface Config {
  readonly mauticUrl: string;
  readonly mauticHost: string;
  readonly respectGpc: boolean;
  readonly respectDnt: boolean;
  readonly kiosk: boolean;
  readonly cookieDomain: string | undefined;
  readonly revision: number;
  readonly consentLifetime: number;
  readonly consentLogUrl: string | undefined;
  readonly purgeNames: readonly string[];
  readonly purgePageUrl: string | undefined;
  readonly stripUtm: boolean;
  readonly banner: boolean;
  readonly consentMode: boolean;
  readonly consentModeAds: boolean;
  readonly consentModeDefault: boolean;
  readonly cmp: string | undefined;
  readonly cmpCategory: string | undefined;
  readonly cmpImplied: boolean;
  readonly nonce: string | undefined;
  readonly focusScripts: 'auto' | 'split';
  readonly debug: boolean;
}


/** An http(s) URL without query, fragment or trailing slash, or `undefined`. */
function baseUrl(value: unknown, page: Location | undefined): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) return undefined;
    // mtc.js upgrades its tracking URLs on https pages; a browser would block them anyway.
    if (page?.protocol === 'https:') url.protocol = 'https:';
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Validates options, warning once per bad value with the name the user wrote (`name` maps an
 * option to its attribute for script-tag users), and falls back to the safe default.
 */
export function normalizeOptions(
  options: Partial<ConsentOptions> & { banner?: boolean },
  page: Location | undefined,
  warn: Warn,
  name: (option: string) => string = (option) => option,
): Config {
  const given = options as Record<string, unknown>;
  /** The option's value if `read` accepts it, else a warning and `fallback`. */
  const check = <T>(
    option: string,
    read: (value: any) => T | undefined,
    expected: string,
    fallback: T,
    onBad = fallback,
    label = String(onBad),
  ): T => {
    const value = given[option];
    if (value === undefined) return fallback;
    const result = read(value);
    if (result !== undefined) return result;
    warn(option, `${name(option)}=${JSON.stringify(value)} is not ${expected}; using ${label}.`);
    return onBad;
  };
  const bool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  const host = page?.hostname ?? '';

  if (!given.mauticUrl) warn('mauticUrl', `${name('mauticUrl')} is missing; consent works, but nothing is sent to Mautic.`);
  const mauticUrl = given.mauticUrl
    ? check('mauticUrl', (v) => baseUrl(v, page), 'an http(s) URL without query', '', '', 'none: nothing is sent')
    : '';

  return Object.freeze({
    mauticUrl,
    mauticHost: mauticUrl && new URL(mauticUrl).hostname,
    respectGpc: check('respectGpc', bool, 'true or false', true),
    respectDnt: check('respectDnt', bool, 'true or false', true),
    // A kiosk setting we cannot read is treated as on: storing nothing is the safe side.
    kiosk: check('kiosk', bool, 'true or false', false, true),
    cookieDomain: check(
      'cookieDomain',
      (v) => {
        const domain = String(v).replace(/^\./, '').toLowerCase();
        return domain.includes('.') && (host === domain || host.endsWith('.' + domain)) ? domain : undefined;
      },
      `${host} or a parent domain`,
      undefined,
      undefined,
      'host-only cookies',
    ),
    revision: check('revision', (v) => (Number.isSafeInteger(v) && v >= 0 ? v : undefined), 'a whole number', 0),
    consentLifetime: check(
      'consentLifetime',
      (v) => (v > 0 && v <= MAX_LIFETIME_DAYS ? v : undefined),
      `days, 1 to ${MAX_LIFETIME_DAYS}`,
      DEFAULT_LIFETIME_DAYS,
    ),
    consentLogUrl: check('consentLogUrl', (v) => (/^https?:\/\/[^/]/.test(v) ? v : undefined), 'an http(s) URL', undefined, undefined, 'no log'),
    purgeNames: check(
      'purgeNames',
      (v) =>
        Array.isArray(v) && v.every((n) => n && typeof n === 'string')
          ? Object.freeze(
              [...new Set<string>(v)].filter((n) => {
                const problem = purgeNameProblem(n);
                if (problem) warn(`purgeNames ${n}`, `${name('purgeNames')}: "${n}" ${problem}; ignored.`);
                return !problem;
              }),
            )
          : undefined,
      'a list of names',
      [] as readonly string[],
      [],
      'none',
    ),
    purgePageUrl: check('purgePageUrl', (v) => (/^https?:\/\/[^/]/.test(v) ? v : undefined), 'an http(s) URL', undefined, undefined, 'none'),
    stripUtm: check('stripUtm', bool, 'true or false', false),
    banner: check('banner', bool, 'true or false', false),
    consentMode: check('consentMode', bool, 'true or false', true),
    consentModeAds: check('consentModeAds', bool, 'true or false', false),
    consentModeDefault: check('consentModeDefault', bool, 'true or false', true),
    cmp: check('cmp', (v) => (CMP_NAMES.includes(v) ? (v as string) : undefined), `one of ${CMP_NAMES.join(', ')}`, undefined, undefined, 'none'),
    cmpCategory: check('cmpCategory', (v) => (typeof v === 'string' && /^[\w ,.-]{1,100}$/.test(v) ? v : undefined), 'a category name', undefined, '', 'none: the tool is not followed, tracking stays unset'),
    cmpImplied: check('cmpImplied', bool, 'true or false', false),
    nonce: check('nonce', (v) => (typeof v === 'string' && /^[\w+/=-]{1,200}$/.test(v) ? v : undefined), 'a nonce (base64)', undefined, undefined, 'none'),
    focusScripts: check('focusScripts', (v) => (v === 'auto' || v === 'split' ? v : undefined), 'auto or split', 'auto' as const),
    debug: check('debug', bool, 'true or false', false),
  });
}

/** Attribute of the SDK's `<script>` for each option. */
export const SCRIPT_ATTRIBUTES = {
  mauticUrl: `${ATTR_PREFIX}url`,
  respectGpc: 'data-respect-gpc',
  respectDnt: 'data-respect-dnt',
  kiosk: 'data-kiosk',
  cookieDomain: 'data-cookie-domain',
  revision: 'data-revision',
  consentLifetime: 'data-consent-lifetime',
  consentLogUrl: 'data-consent-log-url',
  banner: 'data-banner',
  purgeNames: 'data-purge-names',
  purgePageUrl: 'data-purge-page',
  stripUtm: 'data-strip-utm',
  consentMode: 'data-consent-mode',
  consentModeAds: 'data-consent-mode-ads',
  consentModeDefault: 'data-consent-mode-default',
  cmp: 'data-cmp',
  cmpCategory: 'data-cmp-category',
  cmpImplied: 'data-cmp-implied',
  focusScripts: 'data-focus-scripts',
  debug: 'data-debug',
} as const;

const BOOLEAN = new Set(['respectGpc', 'respectDnt', 'kiosk', 'banner', 'stripUtm', 'consentMode', 'consentModeAds', 'consentModeDefault', 'cmpImplied', 'debug']);
const NUMBER = new Set(['revision', 'consentLifetime']);

/**
 * Options from the attributes of the SDK's own `<script>`, or from its URL's query with the
 * `data-` dropped (`mautic-consent.min.js?mautic-url=…&kiosk`). A boolean attribute that is present
 * with no value (`data-kiosk`) is `true`; values that cannot be read are passed on as they are,
 * so `normalizeOptions` names them in its warning.
 */
export function readScriptOptions(script: Element | null | undefined): Partial<ConsentOptions> & { banner?: boolean } {
  const options: Record<string, unknown> = {};
  if (!script) return options;
  const src = script.getAttribute('src') ?? '';
  let query = new URLSearchParams();
  // Most tags carry their options as attributes; a URL is parsed only when there is a query.
  if (src.includes('?')) {
    try {
      query = new URL(src, 'http://x').searchParams;
    } catch {
      // No readable src: attributes only.
    }
  }
  for (const [option, attribute] of Object.entries(SCRIPT_ATTRIBUTES)) {
    // Mautic's loader snippet creates the script itself, so it can carry options only in its URL.
    const raw = script.getAttribute(attribute) ?? query.get(attribute.slice(5));
    if (raw === null) continue;
    const value = raw.trim();
    if (BOOLEAN.has(option)) {
      const lower = value.toLowerCase();
      options[option] = lower === '' || lower === 'true' ? true : lower === 'false' ? false : value;
    } else if (NUMBER.has(option)) {
      options[option] = /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    } else if (option === 'purgeNames') {
      options[option] = value.split(/[\s,]+/).filter(Boolean);
    } else options[option] = value;
  }
  // Browsers hide a nonce attribute once parsed (getAttribute gives ''); the property keeps it.
  const nonce = (script as HTMLElement).nonce;
  if (nonce) options.nonce = nonce;
  return options;
}
