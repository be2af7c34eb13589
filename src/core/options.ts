import type { ConsentOptions } from '../types.js';
import { FULL_TEXT, type Warn } from './log.js';
import { DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS } from './constants.js';
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
  readonly nonce: string | undefined;
  readonly cmp: string | undefined;
  readonly focusScripts: 'auto' | 'split';
  readonly debug: boolean;
}

/** What only the script tag reads: it binds Consent Mode, loads the banner and starts the adapter itself. */
export interface TagConfig extends Config {
  readonly banner: boolean;
  readonly consentMode: boolean;
  readonly consentModeAds: boolean;
  readonly consentModeDefault: boolean;
  readonly cmpCategory: string | undefined;
  readonly cmpImplied: boolean;
}

/** Options as given: `createConsent()`'s, or the script tag's (which adds the tag-only ones). */
export type GivenOptions = Partial<ConsentOptions> & Partial<Record<keyof TagConfig, unknown>>;

/** How an attribute's text becomes a value; text that cannot be read is passed on, for the warning. */
type FromText = (text: string) => unknown;
/** `data-kiosk` (present, no value) and `true` are true, `false` is false. */
const BOOL: FromText = (t) => (/^(true)?$/i.test(t) ? true : /^false$/i.test(t) ? false : t);
const NUMBER: FromText = (t) => (/^\d+(\.\d+)?$/.test(t) ? Number(t) : t);
const LIST: FromText = (t) => t.split(/[\s,]+/).filter(Boolean);
/** Text is taken as it is. */
const TEXT = undefined;

/** The page an option is checked against: its host (cookie domains) and protocol (https upgrade). */
type Page = Pick<Location, 'hostname' | 'protocol'> | undefined;

/**
 * One option: its name, how its attribute is read, the parser (the value, or `undefined` when it
 * cannot be used), the default (none when left out), whether only the script tag has it, and the
 * value a bad one falls back to when that is not the default.
 */
type Row = [name: keyof TagConfig, fromText: FromText | undefined, parse: (value: never, page: Page) => unknown, fallback?: unknown, tag?: 0 | 1, onBad?: unknown];

const bool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
const httpUrl = (value: unknown) => (typeof value === 'string' && /^https?:\/\/[^/]/.test(value) ? value : undefined);

/** An http(s) URL without query, fragment or trailing slash; on an https page upgraded to https, as mtc.js does. */
function baseUrl(value: unknown, page: Page): string | undefined {
  try {
    const url = new URL(String(value).trim());
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username) {
      // mtc.js upgrades its tracking URLs on https pages; a browser would block them anyway.
      if (page?.protocol === 'https:') url.protocol = 'https:';
      return url.href.replace(/\/+$/, '');
    }
  } catch {
    // not a URL
  }
}

/** The current host or a parent of it (not a bare TLD), lower-cased and without a leading dot. */
function cookieDomain(value: unknown, page: Page): string | undefined {
  const domain = String(value).replace(/^\./, '').toLowerCase();
  const host = page?.hostname ?? '';
  return domain.includes('.') && (host === domain || host.endsWith('.' + domain)) ? domain : undefined;
}

/**
 * Every option, once: `createConsent()` and the script tag both validate through this table, and
 * the tag reads each from `data-` + the name in kebab case (`consentLogUrl` → `data-consent-log-url`),
 * except the few named in `ATTRIBUTE`. Defaults are the safe side; a kiosk setting that cannot
 * be read is taken as on, since storing nothing is safe.
 */
const ROWS: Row[] = [
  ['mauticUrl', TEXT, baseUrl, ''],
  ['respectGpc', BOOL, bool, true],
  ['respectDnt', BOOL, bool, true],
  ['kiosk', BOOL, bool, false, 0, true],
  ['cookieDomain', TEXT, cookieDomain],
  ['revision', NUMBER, (v) => (Number.isSafeInteger(v) && v >= 0 ? v : undefined), 0],
  ['consentLifetime', NUMBER, (v) => (v > 0 && v <= MAX_LIFETIME_DAYS ? v : undefined), DEFAULT_LIFETIME_DAYS],
  ['consentLogUrl', TEXT, httpUrl],
  ['purgeNames', LIST, (v: unknown) => (Array.isArray(v) && v.every((n) => n && typeof n === 'string') ? v : undefined), []],
  ['purgePageUrl', TEXT, httpUrl],
  ['stripUtm', BOOL, bool, false],
  ['nonce', TEXT, (v) => (typeof v === 'string' && /^[\w+/=-]{1,200}$/.test(v) ? v : undefined)],
  ['cmp', TEXT, (v) => (CMP_NAMES.includes(v) ? v : undefined)],
  ['focusScripts', TEXT, (v) => (v === 'auto' || v === 'split' ? v : undefined), 'auto'],
  ['debug', BOOL, bool, false],
  ['banner', BOOL, bool, false, 1],
  ['consentMode', BOOL, bool, true, 1],
  ['consentModeAds', BOOL, bool, false, 1],
  ['consentModeDefault', BOOL, bool, true, 1],
  // A category that cannot be read must not fall back to the adapter's default: the tool is then not followed.
  ['cmpCategory', TEXT, (v) => (typeof v === 'string' && /^[\w ,.-]{1,100}$/.test(v) ? v : undefined), undefined, 1, ''],
  ['cmpImplied', BOOL, bool, false, 1],
];

/**
 * What a good value is, for the whole sentence of the warning (`true or false` when not listed).
 * Only the full build has it; the minified one points to README, whose table says the same.
 */
const EXPECTED: Partial<Record<keyof TagConfig, string>> = FULL_TEXT
  ? {
      mauticUrl: 'an http(s) URL without query',
      cookieDomain: 'this host or a parent domain',
      revision: 'a whole number',
      consentLifetime: `days, 1 to ${MAX_LIFETIME_DAYS}`,
      consentLogUrl: 'an http(s) URL',
      purgeNames: 'a list of names',
      purgePageUrl: 'an http(s) URL',
      nonce: 'a nonce (base64)',
      cmp: `one of ${CMP_NAMES.join(', ')}`,
      focusScripts: 'auto or split',
      cmpCategory: 'a category name',
    }
  : {};

/** The whole sentence for a bad value: what a good one is, and what is used instead. */
function badValue(attribute: string, value: unknown, option: keyof TagConfig, used: unknown): string {
  const using = used === undefined || used === '' || (Array.isArray(used) && !used.length) ? 'none' : used;
  return `${attribute}=${JSON.stringify(value)} is not ${EXPECTED[option] ?? 'true or false'}; using ${using}.`;
}

/** Attributes that are not `data-` + the option's name in kebab case. */
const ATTRIBUTE: Partial<Record<keyof TagConfig, string>> = { purgePageUrl: 'data-purge-page' };

/** The attribute of the SDK's `<script>` for `option`. */
export const attributeOf = (option: string): string =>
  ATTRIBUTE[option as keyof TagConfig] ?? 'data-' + option.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Attribute of the SDK's `<script>` for each option, for tests (unused, the build drops it). */
export const SCRIPT_ATTRIBUTES = /*#__PURE__*/ Object.fromEntries(ROWS.map(([name]) => [name, attributeOf(name)])) as Record<keyof TagConfig, string>;

/**
 * Validates options, warning once per bad value with the name the user wrote (`name` maps an
 * option to its attribute for script-tag users), and falls back to the safe default. With `tag`,
 * the script tag's own options are read too.
 */
export function normalizeOptions(given: GivenOptions, page: Page, warn: Warn, name?: (option: string) => string, tag?: false): Config;
export function normalizeOptions(given: GivenOptions, page: Page, warn: Warn, name: (option: string) => string, tag: true): TagConfig;
export function normalizeOptions(given: GivenOptions, page: Page, warn: Warn, name = (option: string) => option, tag = false): Config {
  const config: Record<string, unknown> = {};
  if (!given.mauticUrl) warn('mauticUrl', FULL_TEXT ? `${name('mauticUrl')} is missing: consent works, nothing is sent to Mautic.` : `${name('mauticUrl')} missing`, 'w-mautic-url');
  for (const [option, , parse, fallback, tagOnly, onBad = fallback] of ROWS) {
    if (tagOnly && !tag) continue;
    // An empty URL is a missing one (one warning, below), not a bad one.
    const value = option === 'mauticUrl' ? given.mauticUrl || undefined : given[option];
    let result = value === undefined ? undefined : parse(value as never, page);
    if (value !== undefined && result === undefined) {
      warn(option, FULL_TEXT ? badValue(name(option), value, option, onBad) : `${name(option)}=${JSON.stringify(value)} invalid`, 'w-option');
      result = onBad;
    }
    config[option] = result ?? fallback;
  }
  config.mauticHost = config.mauticUrl && new URL(config.mauticUrl as string).hostname;
  config.purgeNames = Object.freeze(
    [...new Set(config.purgeNames as string[])].filter((n) => {
      const problem = purgeNameProblem(n);
      if (problem) warn(`purgeNames ${n}`, FULL_TEXT ? `${name('purgeNames')}: "${n}" ${problem}; ignored.` : `${name('purgeNames')} ${JSON.stringify(n)} refused`, 'w-purge-names');
      return !problem;
    }),
  );
  return Object.freeze(config) as unknown as Config;
}

/**
 * Options from the attributes of the SDK's own `<script>`, or from its URL's query with the
 * `data-` dropped (`mautic-consent.min.js?mautic-url=…&kiosk`), as Mautic's loader snippet creates
 * the script itself and can carry options only in its URL. A boolean attribute that is present
 * with no value (`data-kiosk`) is `true`; values that cannot be read are passed on as they are, so
 * `normalizeOptions` names them in its warning.
 */
export function readScriptOptions(script: Element | null | undefined): GivenOptions {
  const options: Record<string, unknown> = {};
  if (!script) return options;
  const src = script.getAttribute('src') ?? '';
  let query: URLSearchParams | undefined;
  try {
    // Most tags carry their options as attributes; a URL is parsed only when there is a query.
    if (src.includes('?')) query = new URL(src, 'http://x').searchParams;
  } catch {
    // No readable src: attributes only.
  }
  for (const [option, fromText] of ROWS) {
    const attribute = attributeOf(option);
    const value = (script.getAttribute(attribute) ?? query?.get(attribute.slice(5)))?.trim();
    if (value !== undefined) options[option] = fromText ? fromText(value) : value;
  }
  // Browsers hide a nonce attribute once parsed (getAttribute gives ''); the property keeps it.
  const nonce = (script as HTMLElement).nonce;
  if (nonce) options.nonce = nonce;
  return options;
}
