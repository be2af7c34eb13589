/** The three Trusted Types conversions the SDK needs; plain strings where Trusted Types are off. */
export interface TrustedPolicy {
  createHTML(html: string): string;
  createScript(code: string): string;
  createScriptURL(url: string): string;
}

const NAME = 'mautic-consent';
/**
 * Where the core script leaves its policy for the embeds script it adds: a property of that one
 * `<script>` element, which gives the policy once, and only while that script itself runs.
 */
const HANDOVER = Symbol.for('mautic-consent.trusted-types');
const same = (value: string) => value;
const PLAIN: TrustedPolicy = { createHTML: same, createScript: same, createScriptURL: same };
/** Module-private: a page script finds the policy on no global, element or prototype. */
const policies = new WeakMap<Window, TrustedPolicy>();

type HandoverScript = HTMLScriptElement & { [HANDOVER]?: () => TrustedPolicy | undefined };

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
 * policy to the embeds script it loads (`handPolicy`), which takes it as it starts.
 */
export function trustedPolicy(win: Window): TrustedPolicy {
  let policy = policies.get(win);
  if (!policy) {
    const tt = (win as Window & { trustedTypes?: { createPolicy(name: string, rules: TrustedPolicy): TrustedPolicy } }).trustedTypes;
    policy = (win.document?.currentScript as HandoverScript | null)?.[HANDOVER]?.();
    try {
      policy ??= tt?.createPolicy(NAME, PLAIN);
    } catch {
      // The page does not allow the name, or another copy made it: sinks will refuse plain strings.
    }
    policies.set(win, (policy ??= PLAIN));
  }
  return policy;
}

/**
 * Lets `script`, a sibling script this bundle adds, take this bundle's policy once, while it runs
 * (`document.currentScript` is then that element): a page script runs at other times, and after
 * the take there is nothing left to take.
 */
export function handPolicy(win: Window, script: HTMLScriptElement): void {
  const policy = trustedPolicy(win);
  let given = false;
  Object.defineProperty(script, HANDOVER, {
    value: () => {
      if (given || win.document.currentScript !== script) return undefined;
      given = true;
      return policy;
    },
  });
}
