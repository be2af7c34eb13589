// A stand-in for Google Tag Manager's template runtime, for this example only: it runs the
// sandboxed code of gtm/template.tpl in the page with the few sandbox APIs the template asks for,
// implemented with what GTM does underneath (gtag consent commands on dataLayer, a script tag for
// injectScript). In a real container, GTM itself runs the template; nothing here is needed.
(function () {
  function gtag() { window.dataLayer.push(arguments); }
  var api = {
    JSON: { parse: function (s) { try { return JSON.parse(s); } catch (e) { return undefined; } }, stringify: JSON.stringify },
    copyFromWindow: function (key) { return key.split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, window); },
    encodeUriComponent: encodeURIComponent,
    getCookieValues: function (name, decode) {
      return document.cookie.split('; ').filter(function (c) { return c.split('=')[0] === name; }).map(function (c) {
        var v = c.slice(name.length + 1);
        try { return decode === false ? v : decodeURIComponent(v); } catch (e) { return v; }
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
    setDefaultConsentState: function (state) { gtag('consent', 'default', state); },
    updateConsentState: function (state) { gtag('consent', 'update', state); },
  };
  window.runGtmTemplate = function (templateText, data) {
    var code = templateText.split('___SANDBOXED_JS_FOR_WEB_TEMPLATE___')[1].split(/\n___[A-Z_]+___/)[0];
    data.gtmOnSuccess = data.gtmOnSuccess || function () { window.gtmTagResult = 'success'; };
    data.gtmOnFailure = data.gtmOnFailure || function () { window.gtmTagResult = 'failure'; };
    new Function('require', 'data', code)(function (name) { return api[name]; }, data);
  };
})();
