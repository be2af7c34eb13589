/**
 * The SHA-256 of each script the core loads from beside itself (base64, as an `integrity` value
 * takes it after `sha256-`), by its path relative to the core (`mautic-consent.embeds.min.js`,
 * `cmp/tcf.min.js`). The build fills it in (`rollup.config.mjs` builds those scripts first), so the
 * one `integrity` hash on the core's own tag pins every script the core adds. SHA-256 is one of the
 * three algorithms Subresource Integrity defines, and 20 characters a hash shorter than SHA-384 in a
 * script that must stay small; the core's own tag may use any. Empty when the source runs unbuilt,
 * as in unit tests.
 */
export const SIBLING_INTEGRITY: Readonly<Record<string, string>> = {};
