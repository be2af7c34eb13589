/**
 * Builds test pages that load the SDK the two ways users do: the script-tag build (IIFE) with
 * data attributes, and the ESM build with `createConsent()`. Specs that loop over `BUILDS` run on both; README (Contributing) says which.
 * `{{MAUTIC}}` and friends are filled in by the test server.
 */
export type Build = 'iife' | 'esm';
export const BUILDS: Build[] = ['iife', 'esm'];

export interface PageOptions {
  /** Script-tag attributes, as written on the tag (`data-mautic-url` defaults to `{{MAUTIC}}`). */
  attrs?: Record<string, string | true>;
  /** Markup before the SDK (e.g. the Mautic loader queue stub and `mt()` calls). */
  head?: string;
  /** Body markup. */
  body?: string;
  title?: string;
}

/** Mautic's loader snippet with the tracking-object name, minus its mtc.js load. */
export const loaderStub = (name = 'mt', calls = `${name}('send', 'pageview');`) => `<script>
  window.MauticTrackingObject = '${name}';
  window['${name}'] = window['${name}'] || function () { (window['${name}'].q = window['${name}'].q || []).push(arguments); };
  ${calls}
</script>`;

const OPTION_OF: Record<string, string> = {
  'data-mautic-url': 'mauticUrl',
  'data-respect-gpc': 'respectGpc',
  'data-respect-dnt': 'respectDnt',
  'data-kiosk': 'kiosk',
  'data-cookie-domain': 'cookieDomain',
  'data-revision': 'revision',
  'data-consent-lifetime': 'consentLifetime',
  'data-purge-names': 'purgeNames',
};

function esmOptions(attrs: Record<string, string | true>): string {
  const options: Record<string, unknown> = {};
  for (const [attr, value] of Object.entries(attrs)) {
    const option = OPTION_OF[attr];
    if (!option) continue;
    if (value === true) options[option] = true;
    else if (value === 'true' || value === 'false') options[option] = value === 'true';
    else if (/^\d+$/.test(value)) options[option] = Number(value);
    else if (option === 'purgeNames') options[option] = value.split(/[\s,]+/);
    else options[option] = value;
  }
  return JSON.stringify(options);
}

export function sdkPage(build: Build, o: PageOptions = {}): string {
  const attrs: Record<string, string | true> = { 'data-mautic-url': '{{MAUTIC}}', ...o.attrs };
  const sdk =
    build === 'iife'
      ? `<script src="/dist/mautic-consent.min.js" ${Object.entries(attrs)
          .map(([k, v]) => (v === true ? k : `${k}="${v}"`))
          .join(' ')}></script>`
      : `<script type="module">
  import { createConsent, bindLoaderQueue, bindActions } from '/dist/mautic-consent.mjs';
  const consent = createConsent(${esmOptions(attrs)});
  window.MauticConsent = consent;
  bindActions(consent, document);
  bindLoaderQueue(consent, window);
</script>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${o.title ?? 'Shop'}</title>
${o.head ?? ''}
${sdk}
</head><body>
<button id="grant" data-mautic-action="grant">Accept</button>
<button id="deny" data-mautic-action="deny">Reject</button>
${o.body ?? ''}
</body></html>`;
}
