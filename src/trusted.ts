/** The three Trusted Types conversions the SDK needs; plain strings where Trusted Types are off. */
export interface TrustedPolicy {
  createHTML(html: string): string;
  createScript(code: string): string;
  createScriptURL(url: string): string;
}

/** Shared by the core, embeds and banner scripts, which are separate bundles: a policy name can be created once. */
const KEY = Symbol.for('mautic-consent.trusted-types');
const NAME = 'mautic-consent';
const same = (value: string) => value;

/**
 * The SDK's Trusted Types policy `mautic-consent`, for pages that enforce Trusted Types
 * (`require-trusted-types-for 'script'`) and allow that name in `trusted-types`. It passes values
 * through unchanged, which is safe for the three uses it has: HTML parsed with DOMParser (which runs
 * nothing, and is cleaned afterwards), the page's own gated scripts (run by design), and script URLs
 * the SDK builds itself (its sibling scripts, Mautic's focus script as a blob). Without Trusted Types,
 * or when the page does not allow the name, strings are used as they are.
 */
export function trustedPolicy(win: Window): TrustedPolicy {
  const w = win as Window & { [KEY]?: TrustedPolicy; trustedTypes?: { createPolicy(name: string, rules: TrustedPolicy): TrustedPolicy } };
  if (!w[KEY]) {
    let policy: TrustedPolicy | undefined;
    try {
      policy = w.trustedTypes?.createPolicy(NAME, { createHTML: same, createScript: same, createScriptURL: same });
    } catch {
      // The page does not allow the name: sinks will refuse plain strings, and the SDK says so where it matters.
    }
    w[KEY] = policy ?? { createHTML: same, createScript: same, createScriptURL: same };
  }
  return w[KEY]!;
}
