import { existsSync, mkdirSync, statSync } from 'node:fs';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';

/**
 * Bundles the IAB TCF reference packages (CommonJS on npm, with ES module builds inside) for the
 * test pages: `dist/test/tcf-stub.js` (the __tcfapi stub) and `dist/test/tcf-cmp.js`
 * (`window.iabtcf` = CmpApi, GVL, TCModel, TCString). Built once, again only when missing.
 */
export async function buildIabTcf() {
  mkdirSync('dist/test', { recursive: true });
  for (const name of ['stub', 'cmp']) {
    const file = `dist/test/tcf-${name}.js`;
    if (existsSync(file) && statSync(file).mtimeMs > statSync(`test/e2e/tcf/${name}.mjs`).mtimeMs) continue;
    const bundle = await rollup({ input: `test/e2e/tcf/${name}.mjs`, plugins: [resolve({ browser: true })], logLevel: 'silent' });
    await bundle.write({ file, format: 'iife' });
    await bundle.close();
  }
}

/**
 * The page side of the test CMP: a banner with "Accept all", "Only publisher purposes" style
 * buttons that encode a real TC string with @iabtcf/core and hand it to the CMP API
 * (`update(tcString, uiVisible)`), keeping it in the `euconsent-v2` cookie as CMPs do. On load a
 * stored string is replayed (`tcloaded`); without one the banner shows (`cmpuishown`).
 * `gdprApplies` comes from the page's `data-gdpr` attribute.
 */
export const TCF_CMP = `
<script src="/dist/test/tcf-stub.js"></script>
<script src="/dist/test/tcf-cmp.js"></script>
<div id="tcf-banner" hidden>
  <button id="tcf-all">Accept all</button>
  <button id="tcf-vendors-only">Accept vendor purposes only</button>
  <button id="tcf-reject">Reject all</button>
</div>
<script>
(function () {
  var t = window.iabtcf;
  var purposes = {};
  for (var i = 1; i <= 11; i++) purposes[i] = { id: i, name: 'Purpose ' + i, description: '', illustrations: [] };
  var gvl = new t.GVL({ gvlSpecificationVersion: 3, vendorListVersion: 1, tcfPolicyVersion: 5, lastUpdated: '2026-01-01T00:00:00Z',
    purposes: purposes, specialPurposes: {}, features: {}, specialFeatures: {}, stacks: {}, dataCategories: {},
    vendors: { 1: { id: 1, name: 'Ad vendor', purposes: [1, 2], legIntPurposes: [], flexiblePurposes: [], specialPurposes: [], features: [], specialFeatures: [] } } });
  var gdpr = document.documentElement.getAttribute('data-gdpr') !== 'false';
  var api = new t.CmpApi(300, 1, true);
  function encode(publisher, vendorPurposes) {
    var m = new t.TCModel(gvl);
    m.cmpId = 300; m.cmpVersion = 1; m.isServiceSpecific = true; m.consentScreen = 1;
    m.purposeConsents.set(vendorPurposes); m.publisherConsents.set(publisher);
    return t.TCString.encode(m);
  }
  function choose(publisher, vendorPurposes) {
    var tc = encode(publisher, vendorPurposes);
    document.cookie = 'euconsent-v2=' + tc + '; path=/';
    document.getElementById('tcf-banner').hidden = true;
    api.update(tc, false);
  }
  document.getElementById('tcf-all').onclick = function () { choose([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); };
  document.getElementById('tcf-vendors-only').onclick = function () { choose([], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); };
  document.getElementById('tcf-reject').onclick = function () { choose([], []); };
  window.tcfChoose = choose;
  var stored = (document.cookie.match(/(?:^|; )euconsent-v2=([^;]*)/) || [])[1];
  if (!gdpr) api.update(null);
  else if (stored) api.update(stored, false);
  else { document.getElementById('tcf-banner').hidden = false; api.update('', true); }
})();
</script>`;
