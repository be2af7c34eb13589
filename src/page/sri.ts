/**
 * The SHA-384 of each script the core loads from beside itself, by its path relative to the core
 * (`mautic-consent.embeds.min.js`, `cmp/tcf.min.js`). The build fills it in (`rollup.config.mjs`
 * builds those scripts first), so the one `integrity` hash on the core's own tag pins every script
 * the core adds. Empty when the source runs unbuilt, as in unit tests.
 */
export const SIBLING_INTEGRITY: Readonly<Record<string, string>> = {};
