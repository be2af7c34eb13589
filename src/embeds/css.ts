import { EMBED_MARK } from '../core/constants.js';

/**
 * Mautic's selectors are made to match inside an embed only. `:where()` adds no specificity, so a
 * site's own `.mauticform-*` theme competes with Mautic's rules exactly as it did before.
 */
const SCOPE = `:where([${EMBED_MARK}]) `;
/**
 * Pseudo-classes that look outside the element they are written on (`:has()` at a parent, `:host`,
 * `:scope`, the nesting selector); any of them in a selector drops that selector. Functional
 * pseudo-classes must keep to one compound (no combinator, no nested selector list): `:is(html
 * .row)` would match an element by what lies above the embed.
 */
const OUTSIDE = /:(has|host|host-context|scope|root)\b|&|\\/i;
/**
 * Pseudo-classes that follow what a visitor types or ticks, what the browser or a campaign link's
 * prefill (`?email=…`) puts in a field, or the address's fragment (`:target`): a rule under one, or
 * an element such a rule shows, could load from Mautic exactly when a field holds a given value, and
 * tell Mautic an address or a word nobody sent. Any of them in a selector drops that selector.
 */
const FIELD_STATE = /:(valid|invalid|user-valid|user-invalid|in-range|out-of-range|placeholder-shown|blank|(-webkit-)?autofill|checked|indeterminate|target|target-within)\b/i;
const ARGUMENT = /\(([^()]*)\)/g;
const URL_FUNCTION = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)"'\s]*))\s*\)/gi;
/** Functions that load an image from a string, which the url() check would not see. */
const IMAGE_FROM_STRING = /(image-set|image|src|element|cross-fade)\s*\(/i;

/** Top-level commas of a selector list (not those inside `:is(a, b)` or a quoted attribute value). */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && !depth) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** `selector` confined to embeds, or null when it could look at, or match, anything outside them, or a field's value. */
function scopeSelector(selector: string): string | null {
  const kept = splitList(selector).filter((part) => {
    const bare = part.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
    if (OUTSIDE.test(bare) || FIELD_STATE.test(bare)) return false;
    for (const [, inner] of bare.matchAll(ARGUMENT)) if (/[\s>+~,]/.test(inner.trim())) return false;
    // Nested parentheses are left over once the innermost are taken out.
    return !/[()]/.test(bare.replace(ARGUMENT, ''));
  });
  return kept.length ? kept.map((part) => SCOPE + part).join(',') : null;
}

/** Whether every resource `value` names comes from `origin` (or is inline data). */
function loadsOnlyFrom(value: string, origin: string): boolean {
  if (IMAGE_FROM_STRING.test(value)) return false;
  let found = 0;
  for (const [, dq, sq, bare] of value.matchAll(URL_FUNCTION)) {
    found++;
    try {
      const url = new URL((dq ?? sq ?? bare).replace(/\\(.)/g, '$1'), origin);
      if (url.origin !== origin && url.protocol !== 'data:') return false;
    } catch {
      return false;
    }
  }
  // A url( the pattern could not read is refused.
  return found === (value.match(/url\(/gi) ?? []).length;
}

/**
 * Removes from `style` every declaration that would load something from a host other than
 * `origin` (`url()`, `image-set()`…). A custom property keeps no function and no escape: its text
 * is used as written wherever `var()` puts it, out of reach of the check.
 */
export function cleanDeclarations(style: CSSStyleDeclaration, origin: string): void {
  for (const name of [...style]) {
    const value = style.getPropertyValue(name);
    if (name.startsWith('--') ? /[\\(]/.test(value) : !loadsOnlyFrom(value, origin)) style.removeProperty(name);
  }
}

function rulesText(rules: CSSRuleList, win: Window & typeof globalThis, origin: string): string {
  let out = '';
  for (const rule of rules) {
    if (rule instanceof win.CSSStyleRule) {
      const selector = scopeSelector(rule.selectorText);
      cleanDeclarations(rule.style, origin);
      // Only the declarations: nested rules could put `&` under a selector outside the embed.
      if (selector && rule.style.length) out += `${selector}{${rule.style.cssText}}`;
    } else if (rule instanceof win.CSSMediaRule) {
      const inner = rulesText(rule.cssRules, win, origin);
      if (inner) out += `@media ${rule.media.mediaText}{${inner}}`;
    } else if (rule instanceof win.CSSSupportsRule) {
      const inner = rulesText(rule.cssRules, win, origin);
      if (inner) out += `@supports ${rule.conditionText}{${inner}}`;
    }
    // Anything else is dropped: @import and @font-face load, @keyframes, @property, @layer,
    // @counter-style and @font-face define page-wide names, @scope sets its own reach.
  }
  return out;
}

/**
 * Mautic's CSS rewritten to apply inside embeds only and to load nothing from hosts other than
 * `origin`. The text is parsed by the browser (a constructed stylesheet, which neither loads
 * `@import` nor is governed by style-src) and rebuilt from what survives, so what is checked is what
 * the browser understood. Where the browser cannot parse CSS on its own, nothing is kept.
 */
export function scopedCss(win: Window, css: string, origin: string): string {
  const w = win as Window & typeof globalThis;
  try {
    const sheet = new w.CSSStyleSheet();
    sheet.replaceSync(css.replace(/@import[^;]*;?/gi, ''));
    return rulesText(sheet.cssRules, w, origin);
  } catch {
    return '';
  }
}
