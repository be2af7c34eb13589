// The Mautic double's forms: the markup of each published form per Mautic line (fixtures in
// ./html/, made by build.mjs), Mautic's server-side checks of a submission and the keys of its
// answer, and stand-ins for the scripts a site gets with Mautic's "self-hosted" and `generate.js`
// embeds. Everything here is our own code, written from reading Mautic's source (README.md).
import { readFileSync } from 'node:fs';
import { DEFINITIONS } from './definitions.mjs';
import { VERSIONS, fixtureLine } from './render.mjs';

/** The Mautic lines the fixtures cover, and the one served when a test names none. */
export const FORM_VERSIONS = Object.keys(VERSIONS);
export const DEFAULT_VERSION = '5.2';

const cache = new Map();
/** `7.0`, `7.1.2` … → the fixture line that renders like it. */
function line(version = DEFAULT_VERSION) {
  const v = String(version);
  return VERSIONS[v] ? v : (FORM_VERSIONS.find((known) => v.startsWith(known.split('.')[0] + '.') && known <= v) ?? DEFAULT_VERSION);
}

/** A published form's definition (definitions.mjs) with its id, or undefined. */
export function formDefinition(id) {
  const definition = DEFINITIONS[id];
  return definition && { id: Number(id), ...definition };
}

/**
 * What `/form/embed/{id}` answers for form `id` on Mautic `version` ('5.1', '5.2', '6.0', '7.1';
 * other 5.x/6.x/7.x numbers map to the nearest line), with `origin` as Mautic's own URL; null
 * when the double does not publish that form.
 */
export function formFixture(id, version, origin) {
  if (!DEFINITIONS[id]) return null;
  const file = `${id}-${fixtureLine(line(version))}.html`;
  if (!cache.has(file)) cache.set(file, readFileSync(new URL(`./html/${file}`, import.meta.url), 'utf8'));
  return cache.get(file).replaceAll('MAUTIC_ORIGIN', origin);
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };
/** Mautic's input filter escapes submitted text, so the answer's `results` carry it escaped. */
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

/** Field::showForConditionalField in our words: is a conditional field part of this submission? */
function isShown(field, fields, values) {
  if (!field.parent) return true;
  const parent = fields.find((f) => f.alias === field.parent);
  if (!parent || !(parent.alias in values)) return false;
  const sent = [values[parent.alias]].flat();
  const { expr, values: listed, any } = field.conditions;
  return sent.some((value) => (value !== '' && any) || (expr === 'notIn' ? value !== '' && !listed.includes(value) : listed.includes(value)));
}

/**
 * SubmissionModel::saveSubmission's checks, in our words: a captcha must match its answer (a
 * honeypot must stay empty) whatever else; a conditional field that is not shown is skipped;
 * an empty required field gets its validation message. Returns alias → message (may be empty).
 */
export function validateSubmission(definition, values) {
  const errors = {};
  for (const field of definition.fields) {
    const value = values[field.alias] ?? '';
    if (field.type === 'captcha') {
      const wrong = field.captcha ? value !== field.captcha : value !== '';
      if (wrong) errors[field.alias] = field.errorMessage ?? `The answer to ${field.label} is incorrect. Please try again.`;
      continue;
    }
    if (!isShown(field, definition.fields, values)) continue;
    if (field.required && (value === '' || (Array.isArray(value) && !value.length))) {
      errors[field.alias] = field.message ?? `'${field.label}' is required.`;
    }
  }
  return errors;
}

/**
 * The keys a successful answer adds to `success`, `results` and `formName`: the success message
 * (Mautic joins several with `<br /><br />`) and, for a download action, `download`: the asset
 * URL with a click-through `ct` naming the contact (our own encoding) and `stream=0`. Mautic
 * collects action answers only in messenger mode (`mauticform[messenger]`); without it, a
 * download action answers its own HTML page instead of JSON (`html` here).
 */
export function successKeys(definition, { origin, contactId, messenger }) {
  const keys = { successMessage: definition.successMessage };
  if (!definition.download) return keys;
  const { asset, alias } = definition.download;
  if (!messenger) return { html: `<!doctype html><p>${definition.successMessage} <a href="${origin}/asset/${asset}:${alias}?stream=0">Download</a></p>` };
  const ct = Buffer.from(JSON.stringify({ source: ['form', definition.id], lead: contactId, channel: { form: definition.id } })).toString('base64url');
  return { ...keys, download: `${origin}/asset/${asset}:${alias}?ct=${ct}&stream=0` };
}

/** messenger.html.twig's job in our words: the answer posted to the parent page as a JSON string. */
export const messengerPage = (json) =>
  `<!doctype html><html><body><script>parent.postMessage(${JSON.stringify(JSON.stringify(json)).replace(/</g, '\\u003c')}, '*');</script></body></html>`;

/**
 * Our stand-in for the loader script of Mautic's "self-hosted" snippet (Builder/_script.html.twig):
 * once per page it loads `{mautic}/media/js/mautic-form.js`, calls `MauticSDK.onLoad()` when it
 * has loaded, and defines `MauticDomain` and `MauticLang.submittingMessage`.
 */
export const formLoaderScript = (origin) => `if (typeof MauticSDKLoaded === 'undefined') {
  var MauticSDKLoaded = true;
  var MauticDomain = ${JSON.stringify(origin)};
  var MauticLang = { submittingMessage: 'Please wait...' };
  var mauticFormScript = document.createElement('script');
  mauticFormScript.src = MauticDomain + '/media/js/mautic-form.js';
  mauticFormScript.onload = function () { MauticSDK.onLoad(); };
  document.head.appendChild(mauticFormScript);
} else if (typeof MauticSDK !== 'undefined') {
  MauticSDK.onLoad();
}`;

/**
 * The "self-hosted" snippet a marketer copies from Mautic: the loader script, then the form.
 * `gated` writes the loader the way our README asks (`type="text/plain" data-mautic-consent`).
 */
export function selfHostedSnippet(id, version, origin, { gated = false } = {}) {
  const type = gated ? 'type="text/plain" data-mautic-consent="tracking"' : 'type="text/javascript"';
  return `<script ${type}>\n${formLoaderScript(origin)}\n</script>\n\n${formFixture(id, version, origin)}`;
}

/** Our stand-in for `/form/generate.js?id=N`: the form after the running script, then the loader. */
export function generateScript(id, version, origin) {
  const html = formFixture(id, version, origin);
  if (html === null) return '';
  return `(function () {
  var here = document.currentScript;
  var html = ${JSON.stringify(html)};
  if (here) here.insertAdjacentHTML('afterend', html); else document.write(html);
  var loader = document.createElement('script');
  loader.text = ${JSON.stringify(formLoaderScript(origin))};
  document.head.appendChild(loader);
})();`;
}

/**
 * Our stand-in for Mautic's `media/js/mautic-form.js`, reduced to what matters to the SDK: on
 * `MauticSDK.onLoad()` it takes over the submit of every `form[data-mautic-form]` without its own
 * `onsubmit` attribute (an `onsubmit` property), adds `mauticform[messenger]=1`, targets a hidden
 * iframe `mauticiframe_{name}` and posts the form natively there, as Mautic's script does. It
 * counts its loads in `window.mauticFormScriptLoads` and its posts in `window.mauticFormScriptPosts`.
 */
export const MAUTIC_FORM_SCRIPT = `(function () {
  window.mauticFormScriptLoads = (window.mauticFormScriptLoads || 0) + 1;
  window.MauticFormValidations = window.MauticFormValidations || {};
  function take(form) {
    if (form.getAttribute('onsubmit') || form.mauticStandIn) return;
    form.mauticStandIn = true;
    var name = form.getAttribute('data-mautic-form');
    form.onsubmit = function (event) {
      event.preventDefault();
      var frame = document.getElementById('mauticiframe_' + name);
      if (!frame) {
        frame = document.createElement('iframe');
        frame.id = frame.name = 'mauticiframe_' + name;
        frame.style.display = 'none';
        document.body.appendChild(frame);
      }
      form.target = frame.name;
      if (!form.querySelector('[name="mauticform[messenger]"]')) {
        var flag = document.createElement('input');
        flag.type = 'hidden';
        flag.name = 'mauticform[messenger]';
        flag.value = '1';
        form.appendChild(flag);
      }
      window.mauticFormScriptPosts = (window.mauticFormScriptPosts || 0) + 1;
      HTMLFormElement.prototype.submit.call(form);
    };
  }
  window.MauticSDK = window.MauticSDK || {
    onLoad: function () {
      var forms = document.querySelectorAll('form[data-mautic-form]');
      for (var i = 0; i < forms.length; i++) take(forms[i]);
    },
  };
})();`;
