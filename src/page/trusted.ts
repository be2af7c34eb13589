/** The three Trusted Types conversions the SDK needs; plain strings where Trusted Types are off. */
export interface TrustedPolicy {
  createHTML(html: string): string;
  createScript(code: string): string;
  createScriptURL(url: string): string;
}

const NAME = 'mautic-consent';
const same = (value: string) => value;
const PLAIN: TrustedPolicy = { createHTML: same, createScript: same, createScriptURL: same };
/** Module-private: a page script finds the policy on no global, element or prototype. */
const policies = new WeakMap<Window, TrustedPolicy>();

/**
 * The SDK's Trusted Types policy `mautic-consent`, for pages that enforce Trusted Types
 * (`require-trusted-types-for 'script'`) and allow that name in `trusted-types`. It passes values
 * through unchanged, which is safe for the three uses it has: HTML parsed by the sanitiser into an
 * inert document (nothing runs there, and the result is cleaned before it is shown), the page's own
 * gated scripts (run by design), and script URLs the SDK builds itself (its sibling scripts,
 * Mautic's focus script as a blob). Without Trusted Types, or when the page does not allow the
 * name, strings are used as they are.
 *
 * The policy is never stored where page scripts could reach it: a page script that had it could
 * pass any HTML through it. A name can be created once per page, so the core script hands its
 * policy to the embeds script it loads (`handOver`), which adopts it as it starts (`adoptPolicy`).
 */
export function trustedPolicy(win: Window): TrustedPolicy {
  let policy = policies.get(win);
  if (!policy) {
    const tt = (win as Window & { trustedTypes?: { createPolicy(name: string, rules: TrustedPolicy): TrustedPolicy } }).trustedTypes;
    try {
      policy = tt?.createPolicy(NAME, PLAIN);
    } catch {
      // The page does not allow the name, or another copy made it: sinks will refuse plain strings.
    }
    policies.set(win, (policy ??= PLAIN));
  }
  return policy;
}

/** Uses `policy`, handed over by the core script, as this bundle's policy for `win`. */
export function adoptPolicy(win: Window, policy: TrustedPolicy | undefined): void {
  if (policy && !policies.has(win)) policies.set(win, policy);
}
