// A stand-in for Google Tag Manager, for this example and its test only. It follows GTM's own
// order: the page's snippet has already pushed {event: 'gtm.js'}; when the container loads, GTM
// first fires the Consent Initialization tags (event gtm.init_consent), then the Initialization
// tags (gtm.init), and only then processes gtm.js (All Pages tags), so the consent default is in
// place before any other tag runs. The one Consent Initialization tag here is gtm/template.tpl,
// run with the few sandbox APIs it asks for, implemented with what GTM does underneath. In a real
// container GTM itself does all this; nothing here is needed.
(function () {
  var layer = (window.dataLayer = window.dataLayer || []);
  function gtag() { layer.push(arguments); }
  /** The consent state as GTM's consent API sees it. */
  var consent = {};
  /** Every event the stand-in processed, with the consent state at that moment. */
  var fired = (window.gtmFired = []);
  var api = {
    JSON: { parse: function (s) { try { return JSON.parse(s); } catch { return undefined; } }, stringify: JSON.stringify },
    copyFromWindow: function (key) { return key.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, window); },
    createArgumentsQueue: function (fnKey, arrayKey) {
      if (typeof window[fnKey] !== 'function') {
        window[fnKey] = function () { (window[fnKey][arrayKey.split('.')[1]] = window[fnKey][arrayKey.split('.')[1]] || []).push(arguments); };
      }
      return window[fnKey];
    },
    encodeUriComponent: encodeURIComponent,
    getCookieValues: function (name, decode) {
      return document.cookie.split('; ').filter(function (c) { return c.split('=')[0] === name; }).map(function (c) {
        var v = c.slice(name.length + 1);
        try { return decode === false ? v : decodeURIComponent(v); } catch { return v; }
      });
    },
    injectScript: function (url, onSuccess, onFailure) {
      var s = document.createElement('script');
      s.src = url; s.async = true; s.onload = onSuccess; s.onerror = onFailure;
      document.head.appendChild(s);
    },
    makeInteger: function (v) { return Math.trunc(Number(v)); },
    makeString: function (v) { return String(v); },
    queryPermission: function () { return true; },
    setDefaultConsentState: function (state) {
      Object.keys(state).forEach(function (k) { if (!(k in consent) && /_/.test(k) && k !== 'wait_for_update') consent[k] = state[k]; });
      gtag('consent', 'default', state);
    },
    updateConsentState: function (state) { Object.assign(consent, state); gtag('consent', 'update', state); },
  };
  function runGtmTemplate(templateText, data) {
    var code = templateText.split('___SANDBOXED_JS_FOR_WEB_TEMPLATE___')[1].split(/\n___[A-Z_]+___/)[0];
    data.gtmOnSuccess = data.gtmOnSuccess || function () { window.gtmTagResult = 'success'; };
    data.gtmOnFailure = data.gtmOnFailure || function () { window.gtmTagResult = 'failure'; };
    new Function('require', 'data', code)(function (name) { return api[name]; }, data);
  }
  /** Consent commands the page or the SDK push later (gtag arguments) change the state too. */
  function readCommand(entry) {
    if (Object.prototype.toString.call(entry) !== '[object Arguments]' || entry[0] !== 'consent') return;
    if (entry[1] === 'update') Object.assign(consent, entry[2]);
    if (entry[1] === 'default') Object.keys(entry[2]).forEach(function (k) { if (!(k in consent) && k !== 'wait_for_update' && k !== 'region') consent[k] = entry[2][k]; });
  }
  function processEvent(name) {
    fired.push({ event: name, consent: Object.assign({}, consent) });
  }
  /**
   * Starts the container: `template` is the text of gtm/template.tpl and `data` its fields (the
   * Consent Initialization tag), or no template for a page that sets the default itself.
   */
  window.startGtmContainer = function (template, data) {
    var earlier = layer.slice();
    earlier.forEach(readCommand);
    var push = layer.push;
    layer.push = function () {
      var result = push.apply(layer, arguments);
      Array.prototype.forEach.call(arguments, function (entry) {
        readCommand(entry);
        if (entry && typeof entry === 'object' && typeof entry.event === 'string' && !/^gtm\.init/.test(entry.event)) processEvent(entry.event);
      });
      return result;
    };
    processEvent('gtm.init_consent');
    if (template) runGtmTemplate(template, data);
    processEvent('gtm.init');
    earlier.forEach(function (entry) { if (entry && entry.event) processEvent(entry.event); });
  };
  window.runGtmTemplate = runGtmTemplate;
})();
