import { addCss } from '../page/style.js';

/** Id of the `<style>` the banner injects, so a second banner, or a site's own copy, is not doubled. */
const BANNER_STYLE_ID = 'mautic-consent-banner-style';

/**
 * The default look. Every colour, the radius, the font and the width come from `--mc-banner-*`
 * custom properties a site may set on any ancestor (`:root` is enough); the fallbacks give
 * WCAG AA contrast in light (text 16:1, white on the accent 6.4:1) and dark mode (text 14:1, the
 * accent 9:1). Accept and Reject share `.mc-choice` so neither is the easier click, and
 * are narrower than the other buttons so that they share a row even at 320 px: scrolled or not,
 * both are in view or neither is. Where there is height, the banner's buttons stay in view while
 * its text scrolls. Long words
 * wrap and hyphenate (the dialogs carry their `lang`). Motion only when the visitor has not
 * asked for less. The first banner is at most 60 % of the viewport's height, so at 400 % zoom
 * part of the page stays in view above it. One rule a line; the backslashes keep the line breaks
 * out of the stylesheet.
 */
const CSS = `.mc-dialog,.mc-settings{--mc-bg:var(--mc-banner-bg,#fff);--mc-fg:var(--mc-banner-fg,#1f2328);--mc-accent:var(--mc-banner-accent,#0b57d0);--mc-accent-fg:var(--mc-banner-accent-fg,#fff);--mc-border:var(--mc-banner-border,#8c959f);--mc-radius:var(--mc-banner-radius,8px);color-scheme:light;box-sizing:border-box;border:1px solid var(--mc-border);background:var(--mc-bg);color:var(--mc-fg);font:400 1rem/1.5 var(--mc-banner-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);overflow-wrap:anywhere;hyphens:auto}\
@media (prefers-color-scheme:dark){.mc-dialog,.mc-settings{--mc-bg:var(--mc-banner-bg,#1f2328);--mc-fg:var(--mc-banner-fg,#e6edf3);--mc-accent:var(--mc-banner-accent,#a8c7fa);--mc-accent-fg:var(--mc-banner-accent-fg,#0b1d3a);--mc-border:var(--mc-banner-border,#6e7781);color-scheme:dark}}\
.mc-dialog{--mc-pad:1.25rem;max-width:min(var(--mc-banner-width,40rem),calc(100vw - 1rem));max-height:calc(100vh - 1rem);overflow:auto;scroll-padding:.5rem;padding:var(--mc-pad);border-radius:var(--mc-radius);box-shadow:var(--mc-banner-shadow,0 4px 24px rgba(0,0,0,.25));text-align:start}\
.mc-dialog:focus{outline:none}\
@media (max-width:30rem),(max-height:30rem){.mc-dialog{--mc-pad:1rem}}\
.mc-dialog *{box-sizing:border-box}\
.mc-banner{position:fixed;inset:auto .5rem .5rem;max-height:60vh;margin:0 auto;z-index:var(--mc-banner-z,2147483000)}\
.mc-prefs{margin:auto}\
.mc-prefs::backdrop{background:var(--mc-banner-backdrop,rgba(0,0,0,.5))}\
.mc-dialog .mc-title{margin:0 0 .5rem;font:inherit;font-size:1.25rem;font-weight:700;line-height:1.3;color:inherit}\
.mc-dialog .mc-text{margin:0 0 1rem}\
.mc-dialog a{color:var(--mc-accent);text-decoration:underline}\
.mc-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}\
@media (min-height:30rem){.mc-banner .mc-actions{position:sticky;bottom:calc(-1 * var(--mc-pad));margin:0 calc(-1 * var(--mc-pad)) calc(-1 * var(--mc-pad));padding:.5rem var(--mc-pad) var(--mc-pad);background:var(--mc-bg)}}\
.mc-dialog .mc-btn{flex:1 1 6rem;min-width:0;min-height:2.75rem;margin:0;padding:.625rem .5rem;border:2px solid var(--mc-accent);border-radius:calc(var(--mc-radius) / 2);font:inherit;font-size:1rem;font-weight:600;line-height:1.25;cursor:pointer}\
.mc-dialog .mc-choice{background:var(--mc-accent);color:var(--mc-accent-fg)}\
.mc-dialog .mc-secondary{flex-basis:9rem;background:transparent;color:var(--mc-fg);border-color:currentColor}\
.mc-dialog :focus-visible,.mc-settings:focus-visible{outline:3px solid var(--mc-banner-focus,var(--mc-accent));outline-offset:2px}\
.mc-purpose{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding:.75rem 0;border-top:1px solid var(--mc-border)}\
.mc-purpose label,.mc-purpose .mc-label{font-weight:600}\
.mc-purpose p{flex-basis:100%;margin:0}\
.mc-dialog .mc-switch{width:1.5rem;height:1.5rem;margin:0;accent-color:var(--mc-accent)}\
.mc-settings{position:fixed;inset:auto auto .5rem .5rem;z-index:var(--mc-banner-z,2147483000);min-height:2rem;margin:0;padding:.25rem .75rem;border-radius:1rem;font-size:.875rem;cursor:pointer}\
.mc-settings[hidden]{display:none}\
.mc-status{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}\
@media (prefers-reduced-motion:no-preference){.mc-dialog[open]{animation:mc-in .2s ease-out}}\
@keyframes mc-in{from{opacity:0;transform:translateY(.5rem)}}`;

/**
 * Adds the default stylesheet to `doc` (see `addCss`: adopted, so a strict style-src does not
 * refuse it) unless an element with its id is already there. A site restyles the banner through
 * the `--mc-banner-*` properties, a more specific selector, or a stylesheet of its own with the id.
 */
export function injectStyles(doc: Document, nonce?: string): void {
  if (!doc.getElementById(BANNER_STYLE_ID)) addCss(doc, CSS, nonce, BANNER_STYLE_ID);
}
