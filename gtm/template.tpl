___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Mautic Consent",
  "categories": [
    "ANALYTICS",
    "UTILITY"
  ],
  "brand": {
    "id": "brand_dummy",
    "displayName": "mautic-consent",
    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAA1klEQVR42u2aQQ7DIAwEeWGekKf1q8ktrdTUCXht1umuxJmZA2Awrd3Msr62zNG8yQaGCbGBd4mww5sSVeB/SpQWqAb/JSEBCTgEqsIfEhKQwHt8ppzAWcoIWKEXuAq1wJ3QCiDgqQWodyEU/BQBJPyQgGcyNHy3gGdS1KIdFvBMHAUPE7AAIuGhAmcg0fCQNWABRcO7dyELLAN++BzwhuJCwwDvPonLC/RK0N6JZ8FDi7kZ8PBqNBs+pJzOhH/Gw5ZepyUgAXUp1Sv+q2798z97VPtuswMbzSTHHEHauwAAAABJRU5ErkJggg=="
  },
  "description": "Consent-gated Mautic tracking: sets the Consent Mode v2 default (all denied), restores a returning visitor's stored decision at once, and loads the mautic-consent SDK, which stores and sends nothing before consent.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "sdkUrl",
    "displayName": "SDK script URL",
    "simpleValueType": true,
    "defaultValue": "https://cdn.jsdelivr.net/npm/mautic-consent@0.1.0/dist/mautic-consent.min.js",
    "help": "Where the script-tag build <code>mautic-consent.min.js</code> is served, over https. If you host it yourself, also change the URL pattern of the permission <b>Injects scripts</b> on the template's Permissions tab, or the tag fails.",
    "alwaysInSummary": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      },
      {
        "type": "REGEX",
        "args": [
          "^https://[^/?#\\s]+(/[^\\s]*)?$"
        ],
        "errorMessage": "Enter an https:// URL."
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "mauticUrl",
    "displayName": "Mautic URL",
    "simpleValueType": true,
    "valueHint": "https://mautic.example.com",
    "help": "The address of your Mautic installation, without a trailing slash or query. The SDK sends tracking there only after consent.",
    "alwaysInSummary": true,
    "valueValidators": [
      {
        "type": "NON_EMPTY"
      },
      {
        "type": "REGEX",
        "args": [
          "^https://[^/?#\\s]+(/[^?#\\s]*[^/?#\\s])?$"
        ],
        "errorMessage": "Enter an https:// URL without query, fragment or trailing slash."
      }
    ]
  },
  {
    "type": "CHECKBOX",
    "name": "sendPageview",
    "checkboxText": "Send the pageview",
    "simpleValueType": true,
    "defaultValue": true,
    "help": "Queues <code>mt('send', 'pageview')</code>, as Mautic's own tracking snippet does, so this tag is all a page needs. The SDK sends it only once tracking is granted. Turn off if the page already calls <code>mt('send', 'pageview')</code>."
  },
  {
    "type": "CHECKBOX",
    "name": "banner",
    "checkboxText": "Show the mautic-consent banner",
    "simpleValueType": true,
    "defaultValue": false,
    "help": "Loads the SDK's own small consent banner (from beside the SDK script) while no decision is made. Leave off when a consent tool asks the visitor; with a consent tool below, the banner is never loaded."
  },
  {
    "type": "GROUP",
    "name": "cmpGroup",
    "displayName": "Existing consent tool",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "cmp",
        "displayName": "Follow a consent tool",
        "macrosInSelect": false,
        "simpleValueType": true,
        "defaultValue": "",
        "selectItems": [
          {
            "value": "",
            "displayValue": "None"
          },
          {
            "value": "tcf",
            "displayValue": "Any IAB TCF v2.2 tool (publisher purposes)"
          },
          {
            "value": "cookieconsent",
            "displayValue": "vanilla-cookieconsent v3"
          },
          {
            "value": "klaro",
            "displayValue": "Klaro"
          },
          {
            "value": "cookiebot",
            "displayValue": "Cookiebot"
          },
          {
            "value": "onetrust",
            "displayValue": "OneTrust"
          },
          {
            "value": "mautic",
            "displayValue": "Mautic 7.2 consent-managed scripts"
          }
        ],
        "help": "With a tool, the tool alone decides: tracking runs only while it holds a yes, a decision stored by the SDK is not restored by this tag, and nothing is sent before the tool has answered."
      },
      {
        "type": "TEXT",
        "name": "cmpCategory",
        "displayName": "Category in the tool (optional, required for OneTrust)",
        "simpleValueType": true,
        "valueHint": "C0004",
        "help": "TCF: purpose ids (default 1,5,6). vanilla-cookieconsent: category (default analytics). Klaro: service name (default mautic). Cookiebot: preferences, statistics or marketing (default marketing). OneTrust: the group id that covers Mautic's tracking, such as C0004; there is no default.",
        "enablingConditions": [
          {
            "paramName": "cmp",
            "paramValue": "",
            "type": "NOT_EQUALS"
          }
        ],
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^[\\w ,.-]{0,100}$"
            ],
            "errorMessage": "Letters, digits, spaces, commas, dots and dashes only."
          }
        ]
      },
      {
        "type": "CHECKBOX",
        "name": "cmpImplied",
        "checkboxText": "Count the tool's implied consent as a yes",
        "simpleValueType": true,
        "defaultValue": false,
        "enablingConditions": [
          {
            "paramName": "cmp",
            "paramValue": "",
            "type": "NOT_EQUALS"
          }
        ],
        "help": "Cookiebot's implied consent, OneTrust's active groups before the banner is closed, TCF's gdprApplies=false. Off: implied consent is no decision. Such a yes is never recorded and never beats GPC or Do Not Track."
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "revision",
    "displayName": "Consent revision",
    "simpleValueType": true,
    "defaultValue": "0",
    "help": "A whole number. Raise it when your privacy notice changes: records made under another revision count as no decision, so every visitor is asked again.",
    "valueValidators": [
      {
        "type": "REGEX",
        "args": [
          "^[0-9]{1,9}$"
        ],
        "errorMessage": "Enter a whole number, 0 or more."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "signalsGroup",
    "displayName": "Privacy signals",
    "groupStyle": "ZIPPY_OPEN",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "respectGpc",
        "checkboxText": "Respect Global Privacy Control",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "When the browser sends GPC, tracking stays denied until the visitor explicitly grants it."
      },
      {
        "type": "CHECKBOX",
        "name": "respectDnt",
        "checkboxText": "Respect Do Not Track",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "When the browser sends Do Not Track, tracking stays denied until the visitor explicitly grants it."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "storageGroup",
    "displayName": "Storage",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "kiosk",
        "checkboxText": "Kiosk mode (store nothing, for shared devices)",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Forms and downloads work without any cookie; no decision is stored, so none is restored by this tag."
      },
      {
        "type": "TEXT",
        "name": "cookieDomain",
        "displayName": "Cookie domain (optional)",
        "simpleValueType": true,
        "valueHint": "example.com",
        "help": "Share the consent record across subdomains, e.g. <code>example.com</code>. Empty: host-only cookies.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^(\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)?$"
            ],
            "errorMessage": "Enter a domain such as example.com."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "consentLifetime",
        "displayName": "Consent lifetime",
        "simpleValueType": true,
        "defaultValue": "180",
        "valueUnit": "days",
        "help": "How long the consent record cookie lives, 1 to 400 days.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^([1-9][0-9]?|[1-3][0-9][0-9]|400)$"
            ],
            "errorMessage": "Enter a number of days from 1 to 400."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "purgePageUrl",
        "displayName": "Purge page URL (optional)",
        "simpleValueType": true,
        "help": "A page on the Mautic host that removes Mautic-host cookies on revoke (see the SDK documentation).",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^(https://[^\\s]+)?$"
            ],
            "errorMessage": "Enter an https:// URL or leave empty."
          }
        ]
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "consentModeGroup",
    "displayName": "Google Consent Mode",
    "groupStyle": "ZIPPY_OPEN",
    "subParams": [
      {
        "type": "TEXT",
        "name": "waitForUpdate",
        "displayName": "Wait for update (optional)",
        "simpleValueType": true,
        "defaultValue": "0",
        "valueUnit": "ms",
        "help": "0 (recommended) leaves wait_for_update out: this tag sets a returning visitor's stored choice at once, before any other tag, so Google tags need not wait. Only when a consent tool decides, and that tool does not talk to Consent Mode itself, a wait of about 500 ms lets its answer arrive first.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^[0-9]{1,6}$"
            ],
            "errorMessage": "Enter milliseconds, 0 or more."
          }
        ]
      },
      {
        "type": "CHECKBOX",
        "name": "grantAds",
        "checkboxText": "Also grant advertising types when tracking is granted",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Off: ad_storage, ad_user_data and ad_personalization always stay denied; only analytics_storage follows the visitor's choice. Turn on only if your consent text covers advertising."
      },
      {
        "type": "TEXT",
        "name": "regions",
        "displayName": "Regions for the default (optional)",
        "simpleValueType": true,
        "valueHint": "DE, FR, US-CA",
        "help": "Comma-separated ISO 3166-2 codes. Empty: the denied default applies everywhere (recommended). With a list, visitors elsewhere get no default from this tag.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "^\\s*([A-Za-z]{2}(-[A-Za-z0-9]{1,3})?\\s*(,\\s*[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?\\s*)*)?$"
            ],
            "errorMessage": "Enter codes such as DE, FR, US-CA separated by commas."
          }
        ]
      }
    ]
  },
  {
    "type": "LABEL",
    "name": "triggerLabel",
    "displayName": "Fire this tag on the <b>Consent Initialization - All Pages</b> trigger, once per page."
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

const setDefaultConsentState = require('setDefaultConsentState');
const updateConsentState = require('updateConsentState');
const getCookieValues = require('getCookieValues');
const copyFromWindow = require('copyFromWindow');
const injectScript = require('injectScript');
const queryPermission = require('queryPermission');
const encodeUriComponent = require('encodeUriComponent');
const makeInteger = require('makeInteger');
const makeString = require('makeString');
const createArgumentsQueue = require('createArgumentsQueue');
const JSON = require('JSON');

// The SDK's record format (src/consent/record.ts): version 1, cookie mautic_consent.
const RECORD_COOKIE = 'mautic_consent';
const HOST_RECORD_COOKIE = '__Host-mautic_consent';
const RECORD_VERSION = 1;
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const DIGITS = '0123456789';
const SOURCES = ['user', 'api', 'cmp', 'dnc'];
// The SDK's consent-tool adapters, by the name its cmp option takes.
const CMPS = ['tcf', 'cookieconsent', 'klaro', 'cookiebot', 'onetrust', 'mautic'];

const onlyOf = function (text, chars) {
  for (let i = 0; i < text.length; i++) {
    if (chars.indexOf(text.charAt(i)) < 0) return false;
  }
  return true;
};

// A whole number typed into a text field, or the fallback. No regular expressions in the sandbox.
const wholeNumber = function (value, fallback) {
  const text = value === undefined || value === null ? '' : makeString(value);
  if (text.length === 0 || text.length > 9 || !onlyOf(text, DIGITS)) return fallback;
  return makeInteger(text);
};

// YYYY-MM-DDTHH:MM:SS(.fff)Z, as Date.prototype.toISOString writes it.
const isIsoTime = function (value) {
  if (typeof value !== 'string' || value.length < 20 || value.length > 30) return false;
  if (value.charAt(value.length - 1) !== 'Z') return false;
  const stamp = value.substring(0, 19);
  const shape = 'dddd-dd-ddTdd:dd:dd';
  for (let i = 0; i < 19; i++) {
    const want = shape.charAt(i);
    const ch = stamp.charAt(i);
    if (want === 'd' ? DIGITS.indexOf(ch) < 0 : ch !== want) return false;
  }
  const rest = value.substring(19, value.length - 1);
  return rest.length === 0 || (rest.length > 1 && rest.charAt(0) === '.' && onlyOf(rest.substring(1), DIGITS));
};

const isFlag = function (value) {
  return value === 0 || value === 1;
};

// Mirrors parseRecord(): anything that does not hold up counts as no record.
const isRecord = function (rec) {
  return !!rec && typeof rec === 'object' &&
    rec.v === RECORD_VERSION &&
    typeof rec.id === 'string' && rec.id.length === 21 && onlyOf(rec.id, ID_CHARS) &&
    (rec.d === 'g' || rec.d === 'd') &&
    SOURCES.indexOf(rec.s) >= 0 &&
    isIsoTime(rec.f) && isIsoTime(rec.u) && rec.u >= rec.f &&
    typeof rec.r === 'number' && rec.r >= 0 && makeInteger(rec.r) === rec.r &&
    isFlag(rec.g) && isFlag(rec.t);
};

// The visitor's stored record for this revision, or undefined. Cookies are untrusted: a sibling
// subdomain can set mautic_consent on the parent domain. So, like the SDK, every value is read and
// the most restrictive one counts; a grant counts only from __Host-mautic_consent (which no
// sibling can set; the SDK's name on https without a cookie domain) or, when the tag names a
// cookie domain, from mautic_consent (the SDK's name then). A refusal counts from either. On a
// plain-http site without a cookie domain a stored grant is thus left to the SDK, a moment later.
const readRecord = function (revision, plainMayGrant) {
  let best;
  const consider = function (raw, mayGrant) {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > 512) return;
    const rec = JSON.parse(raw);
    if (!isRecord(rec) || rec.r !== revision) return;
    if (rec.d === 'g' && !mayGrant) return;
    if (!best || (rec.d !== best.d ? rec.d === 'd' : rec.u > best.u)) best = rec;
  };
  const valuesOf = function (name) {
    const values = getCookieValues(name, true);
    return values && values.length ? values : [];
  };
  valuesOf(HOST_RECORD_COOKIE).forEach(function (raw) { consider(raw, true); });
  valuesOf(RECORD_COOKIE).forEach(function (raw) { consider(raw, plainMayGrant); });
  return best;
};

const isOn = function (value) {
  return value === '1' || value === 'yes';
};

// The SDK lets a privacy signal switched on after a grant win over it, unless the grant was made
// while the signal was already on (src/consent/machine.ts, initialState). Same precedence here.
const grantStands = function (rec, respectGpc, respectDnt) {
  if (respectGpc && copyFromWindow('navigator.globalPrivacyControl') === true) return rec.g === 1;
  if (respectDnt && (isOn(copyFromWindow('navigator.doNotTrack')) || isOn(copyFromWindow('doNotTrack')) ||
      isOn(copyFromWindow('navigator.msDoNotTrack')))) {
    return rec.t === 1;
  }
  return true;
};

const consentTypes = function (tracking, grantAds) {
  const ads = grantAds && tracking === 'granted' ? 'granted' : 'denied';
  return {
    analytics_storage: tracking,
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads
  };
};

const regionList = function (value) {
  const regions = [];
  if (!value) return regions;
  makeString(value).split(',').forEach(function (part) {
    const code = part.trim().toUpperCase();
    if (code.length > 0) regions.push(code);
  });
  return regions;
};

// https everywhere; plain http only on loopback names, which browsers treat as secure, so the
// template can be tried against a local Mautic stand-in (GTM's own script permission still
// decides what may load).
const isSecureUrl = function (url) {
  if (url.indexOf('https://') === 0) return true;
  if (url.indexOf('http://') !== 0) return false;
  const rest = url.substring(7);
  let end = rest.length;
  ['/', ':', '?', '#'].forEach(function (c) {
    const i = rest.indexOf(c);
    if (i > -1 && i < end) end = i;
  });
  const host = rest.substring(0, end);
  return host === 'localhost' || host === '127.0.0.1' ||
    (host.length > 10 && host.substring(host.length - 10) === '.localhost');
};

const buildScriptUrl = function (base, options) {
  let url = base;
  let joiner = base.indexOf('?') < 0 ? '?' : '&';
  options.forEach(function (option) {
    if (option[1] === undefined) return;
    url = url + joiner + option[0] + '=' + encodeUriComponent(makeString(option[1]));
    joiner = '&';
  });
  return url;
};

const run = function () {
  const respectGpc = data.respectGpc !== false;
  const respectDnt = data.respectDnt !== false;
  const kiosk = data.kiosk === true;
  const grantAds = data.grantAds === true;
  const revision = wholeNumber(data.revision, 0);
  let lifetime = wholeNumber(data.consentLifetime, 180);
  if (lifetime < 1 || lifetime > 400) lifetime = 180;

  // 1. The Consent Mode default comes first, whatever else goes wrong.
  const defaults = consentTypes('denied', false);
  const wait = wholeNumber(data.waitForUpdate, 0);
  if (wait > 0) defaults.wait_for_update = wait;
  const regions = regionList(data.regions);
  if (regions.length > 0) defaults.region = regions;
  setDefaultConsentState(defaults);

  // With a consent tool, the tool alone decides: the SDK's record is never restored (the tool may
  // have forgotten or changed the choice), and the SDK's update follows the tool's answer.
  const cmp = CMPS.indexOf(data.cmp) >= 0 ? data.cmp : undefined;

  // 2. A returning visitor's decision at once, so tags need not wait for the SDK. In kiosk mode the
  // SDK ignores any record, and so do we.
  if (!kiosk && !cmp) {
    const rec = readRecord(revision, !!data.cookieDomain);
    if (rec) {
      const tracking = rec.d === 'g' && grantStands(rec, respectGpc, respectDnt) ? 'granted' : 'denied';
      updateConsentState(consentTypes(tracking, grantAds));
    }
  }

  // 3. The SDK, configured through its URL (a script injected by GTM carries no data- attributes).
  const sdkUrl = data.sdkUrl ? makeString(data.sdkUrl) : '';
  const mauticUrl = data.mauticUrl ? makeString(data.mauticUrl) : '';
  if (!isSecureUrl(sdkUrl) || !isSecureUrl(mauticUrl)) {
    data.gtmOnFailure();
    return;
  }
  const url = buildScriptUrl(sdkUrl, [
    ['mautic-url', mauticUrl],
    ['revision', revision],
    ['respect-gpc', respectGpc ? 'true' : 'false'],
    ['respect-dnt', respectDnt ? 'true' : 'false'],
    ['kiosk', kiosk ? 'true' : undefined],
    ['cookie-domain', data.cookieDomain ? data.cookieDomain : undefined],
    ['consent-lifetime', lifetime],
    ['purge-page', data.purgePageUrl ? data.purgePageUrl : undefined],
    ['banner', data.banner === true && !cmp ? 'true' : undefined],
    ['cmp', cmp],
    ['cmp-category', cmp && data.cmpCategory ? data.cmpCategory : undefined],
    ['cmp-implied', cmp && data.cmpImplied === true ? 'true' : undefined],
    // This tag has set the default; the SDK only pushes updates, with the same advertising rule.
    ['consent-mode-default', 'false'],
    ['consent-mode-ads', grantAds ? 'true' : 'false']
  ]);
  // A URL outside the permission's pattern would throw; fail the tag cleanly instead.
  if (!queryPermission('inject_script', url)) {
    data.gtmOnFailure();
    return;
  }
  // 4. The pageview, queued the way Mautic's own snippet queues it: the SDK replays mt.q when it
  // loads, and sends it only once tracking is granted.
  if (data.sendPageview !== false) {
    const mt = createArgumentsQueue('mt', 'mt.q');
    mt('send', 'pageview');
  }
  injectScript(url, data.gtmOnSuccess, data.gtmOnFailure, 'mautic-consent');
};

run();


___WEB_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "access_consent",
        "versionId": "1"
      },
      "param": [
        {
          "key": "consentTypes",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "analytics_storage"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_storage"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_user_data"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_personalization"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "get_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "cookieAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "cookieNames",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "mautic_consent"
              },
              {
                "type": 1,
                "string": "__Host-mautic_consent"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_globals",
        "versionId": "1"
      },
      "param": [
        {
          "key": "keys",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "navigator.globalPrivacyControl"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "navigator.doNotTrack"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "navigator.msDoNotTrack"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "doNotTrack"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "mt"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "mt.q"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "inject_script",
        "versionId": "1"
      },
      "param": [
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://cdn.jsdelivr.net/npm/mautic-consent@0.1.0/dist/"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: No record - default first, no update, SDK injected with its options
  code: |-
    runCode(mockData);
    assertThat(calls[0]).isEqualTo('setDefaultConsentState');
    assertApi('setDefaultConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
    assertApi('updateConsentState').wasNotCalled();
    assertThat(injected).isEqualTo(sdkUrl + '?mautic-url=https%3A%2F%2Fm.example.com&revision=2&respect-gpc=true&respect-dnt=true&consent-lifetime=180&consent-mode-default=false&consent-mode-ads=false');
    assertApi('gtmOnSuccess').wasCalled();
    assertApi('gtmOnFailure').wasNotCalled();
- name: Granted record - analytics granted, advertising stays denied
  code: |-
    cookies = [record('g', 2, 0)];
    runCode(mockData);
    assertThat(calls).isEqualTo(['setDefaultConsentState', 'getCookieValues', 'getCookieValues', 'updateConsentState', 'injectScript']);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
    assertApi('gtmOnSuccess').wasCalled();
- name: Granted record with advertising checkbox - all four granted
  code: |-
    cookies = [record('g', 2, 0)];
    mockData.grantAds = true;
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'granted',
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted'
    });
    assertThat(injected.indexOf('consent-mode-ads=true') > 0).isTrue();
- name: Denied record - all four denied
  code: |-
    cookies = [record('d', 2, 0)];
    mockData.grantAds = true;
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
- name: A sibling's unprefixed grant - not restored without a cookie domain
  code: |-
    plainCookies = [record('g', 2, 0)];
    runCode(mockData);
    assertApi('updateConsentState').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
- name: Unprefixed grant with a cookie domain - restored
  code: |-
    plainCookies = [record('g', 2, 0)];
    mockData.cookieDomain = 'example.com';
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
- name: A refusal beside a grant - the refusal wins, from either name
  code: |-
    cookies = [record('g', 2, 0)];
    plainCookies = [record('d', 2, 0)];
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
- name: Record of another revision - no update
  code: |-
    cookies = [record('g', 1, 0)];
    runCode(mockData);
    assertApi('updateConsentState').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
- name: Malformed records - no update, no error
  code: |-
    const bad = ['{', 'null', '[]', '{"v":1}', record('g', 2, 0).replace('V1StGXR8_Z5jdHi6B-myT', 'short'), record('x', 2, 0)];
    bad.forEach(function (value) {
      cookies = [value];
      runCode(mockData);
    });
    assertApi('updateConsentState').wasNotCalled();
    assertApi('gtmOnFailure').wasNotCalled();
- name: GPC switched on after a grant - denied, as the SDK decides
  code: |-
    cookies = [record('g', 2, 0)];
    globals['navigator.globalPrivacyControl'] = true;
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
- name: Grant made while GPC was on - stands
  code: |-
    cookies = [record('g', 2, 1)];
    globals['navigator.globalPrivacyControl'] = true;
    runCode(mockData);
    assertApi('updateConsentState').wasCalledWith({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied'
    });
- name: Kiosk mode - record not read, kiosk passed on
  code: |-
    cookies = [record('g', 2, 0)];
    mockData.kiosk = true;
    runCode(mockData);
    assertApi('getCookieValues').wasNotCalled();
    assertApi('updateConsentState').wasNotCalled();
    assertThat(injected.indexOf('&kiosk=true&') > 0).isTrue();
- name: Regions and optional fields
  code: |-
    mockData.regions = ' de, fr ,US-CA,';
    mockData.cookieDomain = 'example.com';
    mockData.purgePageUrl = 'https://m.example.com/purge.html';
    mockData.waitForUpdate = '0';
    runCode(mockData);
    assertApi('setDefaultConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      region: ['DE', 'FR', 'US-CA']
    });
    assertThat(injected.indexOf('&cookie-domain=example.com&') > 0).isTrue();
    assertThat(injected.indexOf('&purge-page=https%3A%2F%2Fm.example.com%2Fpurge.html&') > 0).isTrue();
- name: Script fails to load - gtmOnFailure
  code: |-
    injectFails = true;
    runCode(mockData);
    assertApi('gtmOnFailure').wasCalled();
    assertApi('gtmOnSuccess').wasNotCalled();
- name: Pageview queued on mt() before the SDK loads
  code: |-
    runCode(mockData);
    assertApi('createArgumentsQueue').wasCalledWith('mt', 'mt.q');
- name: Pageview unchecked - no queue
  code: |-
    mockData.sendPageview = false;
    runCode(mockData);
    assertApi('createArgumentsQueue').wasNotCalled();
- name: Consent tool - stored decision not restored, tool passed on, no banner
  code: |-
    cookies = [record('g', 2, 0)];
    mockData.cmp = 'onetrust';
    mockData.cmpCategory = 'C0004';
    mockData.cmpImplied = true;
    mockData.banner = true;
    runCode(mockData);
    assertApi('getCookieValues').wasNotCalled();
    assertApi('updateConsentState').wasNotCalled();
    assertThat(injected.indexOf('&cmp=onetrust&cmp-category=C0004&cmp-implied=true&') > 0).isTrue();
    assertThat(injected.indexOf('banner=')).isEqualTo(-1);
- name: Banner passed on
  code: |-
    mockData.banner = true;
    runCode(mockData);
    assertThat(injected.indexOf('&banner=true&') > 0).isTrue();
- name: Wait for update only when set
  code: |-
    mockData.waitForUpdate = '500';
    runCode(mockData);
    assertApi('setDefaultConsentState').wasCalledWith({
      analytics_storage: 'denied',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      wait_for_update: 500
    });
- name: SDK URL that is not https - default still set, tag fails
  code: |-
    mockData.sdkUrl = 'http://cdn.example/mautic-consent.min.js';
    runCode(mockData);
    assertApi('setDefaultConsentState').wasCalled();
    assertApi('injectScript').wasNotCalled();
    assertApi('gtmOnFailure').wasCalled();
setup: |-
  const JSON = require('JSON');
  const sdkUrl = 'https://cdn.jsdelivr.net/npm/mautic-consent@0.1.0/dist/mautic-consent.min.js';
  const record = function (d, r, g) {
    return JSON.stringify({v: 1, id: 'V1StGXR8_Z5jdHi6B-myT', d: d, s: 'user',
      f: '2025-01-02T03:04:05.678Z', u: '2025-01-02T03:04:05.678Z', r: r, g: g, t: 0});
  };
  const mockData = {
    sdkUrl: sdkUrl,
    mauticUrl: 'https://m.example.com',
    revision: '2',
    respectGpc: true,
    respectDnt: true,
    kiosk: false,
    cookieDomain: '',
    consentLifetime: '180',
    purgePageUrl: '',
    waitForUpdate: '0',
    grantAds: false,
    regions: '',
    sendPageview: true,
    banner: false,
    cmp: '',
    cmpCategory: '',
    cmpImplied: false
  };
  // cookies: values of __Host-mautic_consent; plainCookies: of mautic_consent.
  let cookies = [];
  let plainCookies = [];
  const globals = {};
  let injected;
  let injectFails = false;
  const calls = [];
  mock('setDefaultConsentState', function (settings) { calls.push('setDefaultConsentState'); });
  mock('updateConsentState', function (settings) { calls.push('updateConsentState'); });
  mock('getCookieValues', function (name) {
    calls.push('getCookieValues');
    return name === '__Host-mautic_consent' ? cookies : name === 'mautic_consent' ? plainCookies : [];
  });
  mock('copyFromWindow', function (key) { return globals[key]; });
  mock('injectScript', function (url, onSuccess, onFailure) {
    calls.push('injectScript');
    injected = url;
    if (injectFails) { onFailure(); } else { onSuccess(); }
  });


___NOTES___

Fire on the Consent Initialization - All Pages trigger.

Order of work: (1) Consent Mode v2 default, all four types denied, with wait_for_update and an
optional region list; (2) if the first-party cookie mautic_consent holds a valid record of the
configured revision, updateConsentState with the stored decision (advertising types only with
the checkbox); (3) inject the SDK with its options in the URL query, consent-mode-default=false
because this tag already set the default.

The record check mirrors the SDK's parseRecord() (src/consent/record.ts) except that it does not
compare the timestamps with the clock. Privacy signals follow the SDK's rule: a grant made while
GPC/DNT was absent yields to a signal switched on later.

Permissions are the minimum the code uses. Set the Injects scripts URL pattern to where you host
the SDK. The code and scenarios are also exercised by test/unit/gtm-template.test.ts.
