import type { ConsentInstance } from '../core/instance.js';
import { ATTR_PREFIX } from '../core/constants.js';
import { createWarn } from '../core/log.js';
import { BANNER_TEXTS, resolveTexts, type BannerTextOverrides, type BannerTexts } from './texts.js';
import { injectStyles } from './styles.js';
import { reserveSpace } from './space.js';

/** `main` is the first-visit banner; `preferences` the per-purpose view. */
export type BannerView = 'main' | 'preferences';

/** Options of `createBanner()`. */
export interface BannerOptions {
  /**
   * Language of the texts, as a language tag (`de`, `fr-CH`); only its primary subtag counts.
   * Built in: `en`, `de`, `fr`, `es`, `it`, `nl`; any other needs `texts` for it (else one console
   * warning and English). Defaults to the `lang` of `<html>`, and to English without one.
   */
  lang?: string;
  /**
   * Text overrides per language, keyed by primary subtag; missing keys come from the built-in
   * texts of that language, then from English. Plain text, never HTML. Defaults to none.
   * @example
   * { de: { title: 'Ihre Wahl' }, pt: { title: 'A sua escolha', accept: 'Aceitar', reject: 'Recusar' } }
   */
  texts?: BannerTextOverrides;
  /**
   * Address of the privacy policy, linked after the banner text (http, https or relative only).
   * Defaults to no link, with one console warning: the banner should name where the policy is.
   */
  privacyUrl?: string;
  /**
   * A small "Privacy settings" button in the bottom corner whenever the banner is not showing, so
   * a visitor can change or withdraw a choice from any page in one click. Defaults to on when the
   * page has no `data-mautic-action="preferences"` element of its own. Turned off with no such
   * element, visitors have no way back, and the console says so.
   */
  settingsButton?: boolean;
  /** The document to render into. Defaults to the global `document`; without one the banner does nothing. */
  document?: Document;
  /**
   * The page's Content-Security-Policy nonce, for the banner's stylesheet where the browser cannot
   * adopt one (Safari before 16.4). The script tag passes the nonce of the SDK's tag. Defaults to none.
   */
  nonce?: string;
}

/** What `createBanner()` returns. */
export interface Banner {
  /**
   * Shows a view: `main` (the default) as a non-modal dialog, `preferences` as a modal one, and
   * focuses the dialog itself (never one of its buttons). Unlike the automatic first showing,
   * works whatever the consent state.
   */
  open(view?: BannerView): void;
  /** Hides both views without deciding anything. */
  close(): void;
  /** Hides both views, removes what the banner added and stops listening. The stylesheet stays for other banners. */
  destroy(): void;
}

const ACTION = `${ATTR_PREFIX}action`;
const NOOP: Banner = Object.freeze({ open() {}, close() {}, destroy() {} });
let banners = 0;

/**
 * Shows a consent banner for the `tracking` purpose, with Accept and Reject of equal weight and a
 * preferences view. It opens by itself only while the state is `unset` (so never for a GPC or
 * DNT visitor, nor after a decision), as a non-modal dialog that takes no focus from a visitor
 * working in the page: a key press decides only after the visitor moved into the banner. Escape
 * anywhere on the page hides it without deciding. Afterwards a "Privacy settings" button (see
 * `settingsButton`), any `data-mautic-action="preferences"` element and `open('preferences')`
 * reach the preferences, which offer Accept and Reject directly. Choices go to the instance as
 * `grant`/`deny` with source `user`; the banner stores nothing itself.
 * @example
 * import { createConsent, createBanner } from 'mautic-consent';
 * const banner = createBanner(createConsent({ mauticUrl: 'https://m.example.com' }), { privacyUrl: '/privacy' });
 * settingsLink.onclick = () => banner.open('preferences');
 * @param instance The consent instance (`window.MauticConsent` on script-tag pages).
 * @param options Language, texts, privacy link, settings button and document; see `BannerOptions`.
 * @returns `open`, `close` and `destroy`; none of them throws.
 */
export function createBanner(instance: ConsentInstance, options: BannerOptions = {}): Banner {
  try {
    const doc = options.document ?? (typeof document === 'undefined' ? undefined : document);
    if (!doc || typeof instance?.state !== 'function') return NOOP;
    return build(instance, options, doc);
  } catch {
    return NOOP;
  }
}

function build(instance: ConsentInstance, options: BannerOptions, doc: Document): Banner {
  const warn = createWarn(doc.defaultView?.console);
  const { lang, texts, missing } = resolveTexts(options.lang ?? doc.documentElement?.getAttribute('lang'), options.texts);
  if (missing) {
    warn('banner-lang', `banner: no texts for language "${missing}", so it speaks English; built in: ${Object.keys(BANNER_TEXTS).join(', ')}. Give yours with data-banner-texts (texts).`);
  }
  const link = safeUrl(options.privacyUrl, doc);
  if (!link) {
    warn(
      'banner-privacy',
      options.privacyUrl
        ? `banner: data-banner-privacy-url (privacyUrl) ${JSON.stringify(options.privacyUrl)} is not an http(s) address, so the banner links no privacy policy.`
        : 'banner: no privacy policy is linked; set data-banner-privacy-url (privacyUrl).',
    );
  }
  const prefix = `mc-banner-${++banners}`;
  let main: HTMLDialogElement | undefined;
  let prefs: HTMLDialogElement | undefined;
  let tracking: HTMLInputElement | undefined;
  let settings: HTMLButtonElement | undefined;
  let status: HTMLElement | undefined;
  let release: (() => void) | undefined;
  let releaseSettings: (() => void) | undefined;
  // Where focus goes back to: the element focus left for the banner, and the preferences' opener.
  let mainReturn: Element | null = null;
  let prefsReturn: Element | null = null;
  let destroyed = false;

  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const button = (label: string, className: string, onClick: () => void) => {
    const node = element('button', { type: 'button', class: `mc-btn ${className}` }, label);
    node.addEventListener('click', () => guard(onClick));
    return node;
  };

  const choices = () => [button(texts.accept, 'mc-choice', () => decide(true)), button(texts.reject, 'mc-choice', () => decide(false))];

  const dialog = (className: string, view: BannerView, title: string, body: string) => {
    // tabindex -1: the dialog itself takes focus when opened on purpose, so nothing that decides does.
    const node = element('dialog', {
      class: `mc-dialog ${className}`,
      lang,
      tabindex: '-1',
      'aria-labelledby': `${prefix}-${view}-title`,
      'aria-describedby': `${prefix}-${view}-body`,
    });
    node.append(
      element('h2', { id: `${prefix}-${view}-title`, class: 'mc-title' }, title),
      element('p', { id: `${prefix}-${view}-body`, class: 'mc-text' }, body),
    );
    return node;
  };

  const buildMain = () => {
    const node = dialog('mc-banner', 'main', texts.title, texts.body);
    if (link) node.querySelector('.mc-text')?.append(' ', element('a', { href: link }, texts.privacy));
    const actions = element('div', { class: 'mc-actions' });
    actions.append(...choices(), button(texts.preferences, 'mc-secondary', () => show('preferences', true)));
    node.append(actions);
    // Remember where focus was before the visitor entered the banner, to go back there after.
    node.addEventListener('focusin', (event) => {
      const from = event.relatedTarget as Element | null;
      if (!from || !node.contains(from)) mainReturn = from;
    });
    // First in the document, so the first Tab of a keyboard visitor reaches it; it is fixed at the bottom.
    doc.body.prepend(node);
    return node;
  };

  const buildPrefs = () => {
    const node = dialog('mc-prefs', 'preferences', texts.preferencesTitle, texts.preferencesBody);
    node.setAttribute('aria-modal', 'true');
    const essential = element('div', { class: 'mc-purpose' });
    essential.append(
      element('span', { class: 'mc-label' }, texts.essentialLabel),
      element('span', {}, texts.alwaysOn),
      element('p', {}, texts.essentialDescription),
    );
    const purpose = element('div', { class: 'mc-purpose' });
    tracking = element('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'mc-switch',
      id: `${prefix}-tracking`,
      'aria-describedby': `${prefix}-tracking-description`,
    });
    purpose.append(
      element('label', { for: `${prefix}-tracking` }, texts.trackingLabel),
      tracking,
      element('p', { id: `${prefix}-tracking-description` }, texts.trackingDescription),
    );
    const actions = element('div', { class: 'mc-actions' });
    actions.append(
      ...choices(),
      button(texts.save, 'mc-secondary', () => decide(!!tracking?.checked)),
      button(texts.close, 'mc-secondary', () => hide('preferences')),
    );
    node.append(purpose, essential, actions);
    // Close requests (Escape, Android back) hide the view without deciding.
    node.addEventListener('cancel', (event) => {
      event.preventDefault();
      guard(() => hide('preferences'));
    });
    doc.body.append(node);
    return node;
  };

  const buildSettings = () => {
    const node = element('button', { type: 'button', class: 'mc-settings', lang, 'aria-haspopup': 'dialog' }, texts.settings);
    node.addEventListener('click', () => guard(() => show('preferences', true)));
    doc.body.append(node);
    return node;
  };

  /** The built-in settings button shows while the first banner does not, unless the page has its own entry or turned it off. */
  const syncSettings = () => {
    const wanted = !destroyed && !main?.open && (options.settingsButton ?? !doc.querySelector(`[${ACTION}="preferences"]`));
    if (wanted) settings ??= buildSettings();
    if (!settings) return;
    settings.hidden = !wanted;
    // It is fixed in the corner too: room for it, so that it hides no focused control.
    if (wanted) releaseSettings ??= reserveSpace(settings);
    else {
      releaseSettings?.();
      releaseSettings = undefined;
    }
  };

  const reflect = () => {
    if (tracking) tracking.checked = instance.state().tracking === 'granted';
  };

  /** True when nobody works in the page: focus is on nothing in particular. */
  const idle = () => {
    const active = doc.activeElement;
    return !active || active === doc.body || active === doc.documentElement;
  };
  /** True while the visitor is in a field: even a page's own open() must not take focus from it. */
  const typing = () => !!doc.activeElement?.matches('input,textarea,select,[contenteditable]:not([contenteditable="false"])');

  const show = (view: BannerView, deliberate: boolean) => {
    if (destroyed || !doc.body) return;
    injectStyles(doc, options.nonce);
    status ??= doc.body.appendChild(element('div', { class: 'mc-status', role: 'status', lang }));
    if (view === 'preferences') {
      prefs ??= buildPrefs();
      reflect();
      if (!prefs.open) {
        prefsReturn = doc.activeElement;
        if (typeof prefs.showModal === 'function') prefs.showModal();
        else prefs.setAttribute('open', '');
      }
      // showModal() focused (and scrolled to) the switch; the dialog itself, from its top, is read
      // out by name and description.
      prefs.focus({ preventScroll: true });
      prefs.scrollTop = 0;
    } else {
      main ??= buildMain();
      if (!main.open) {
        // The attribute, not show(): show() runs the focusing steps and would take focus from a
        // visitor typing in the page.
        main.setAttribute('open', '');
        // The settings button gives its room back first, so the banner's is not undone.
        syncSettings();
        release = reserveSpace(main, main.querySelector<HTMLElement>('.mc-actions'));
      }
      if (deliberate ? !typing() : idle()) main.focus({ preventScroll: true });
    }
  };

  const hide = (view: BannerView) => {
    const node = view === 'main' ? main : prefs;
    if (!node?.open) return;
    const hadFocus = node.contains(doc.activeElement);
    if (typeof node.close === 'function') node.close();
    else node.removeAttribute('open');
    if (view === 'main') {
      release?.();
      release = undefined;
    }
    syncSettings();
    if (hadFocus) land(view === 'main' ? mainReturn : prefsReturn);
  };

  /** Focus after a view closes: where it came from, else the settings button, else the page's own entry. */
  const land = (back: Element | null) => {
    const usable = (target: Element | null | undefined): target is HTMLElement =>
      !!target && target !== doc.body && target.isConnected && !target.closest('dialog:not([open]),[hidden]') && typeof (target as HTMLElement).focus === 'function';
    const target = [back, settings, doc.querySelector(`[${ACTION}="preferences"]`)].find(usable);
    target?.focus();
  };

  const decide = (grant: boolean) => {
    if (grant) instance.grant({ source: 'user' });
    else instance.deny({ source: 'user' });
    if (status) status.textContent = grant ? texts.accepted : texts.rejected;
    hide('main');
    hide('preferences');
  };

  const onClick = (event: Event) =>
    guard(() => {
      const target = event.target as Element | null;
      const trigger = target?.closest?.(`[${ACTION}="preferences"]`);
      if (!trigger) return;
      event.preventDefault();
      show('preferences', true);
    });

  // Escape anywhere on the page hides the first banner; the modal preferences hear their own `cancel`.
  const onKey = (event: KeyboardEvent) =>
    guard(() => {
      if (event.key === 'Escape' && !event.defaultPrevented && !prefs?.open) hide('main');
    });

  const off = instance.on('change', (state) =>
    guard(() => {
      if (state.tracking !== 'unset') hide('main');
      reflect();
    }),
  );
  doc.addEventListener('click', onClick);
  doc.addEventListener('keydown', onKey);

  const start = () =>
    guard(() => {
      if (destroyed) return;
      if (instance.state().tracking === 'unset') show('main', false);
      syncSettings();
      if (options.settingsButton === false && !doc.querySelector(`[${ACTION}="preferences"]`)) {
        warn('banner-withdraw', `banner: visitors cannot change or withdraw their choice: this page has no ${ACTION}="preferences" element and the Privacy settings button is off (data-banner-settings-button).`);
      }
    });
  // The whole page is parsed first: whether it has its own preferences entry decides the settings button.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true });
  else start();

  const whenReady = (action: () => void) =>
    guard(() => {
      if (doc.body) action();
      else doc.addEventListener('DOMContentLoaded', () => guard(action), { once: true });
    });

  return {
    open: (view: BannerView = 'main') => whenReady(() => show(view === 'preferences' ? 'preferences' : 'main', true)),
    close: () =>
      guard(() => {
        hide('preferences');
        hide('main');
      }),
    destroy: () =>
      guard(() => {
        if (destroyed) return;
        hide('preferences');
        hide('main');
        destroyed = true;
        off();
        doc.removeEventListener('click', onClick);
        doc.removeEventListener('keydown', onKey);
        doc.removeEventListener('DOMContentLoaded', start);
        for (const node of [main, prefs, settings, status]) node?.remove();
      }),
  };
}

/** Runs `action`, swallowing whatever it throws: the banner must never break the host page. */
function guard(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing to do; the page goes on.
  }
}

/** An absolute http(s) address for the link, or nothing (a `javascript:` URL is not a policy). */
function safeUrl(url: unknown, doc: Document): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  try {
    const parsed = new URL(url.trim(), doc.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export type { BannerTexts, BannerTextOverrides };
