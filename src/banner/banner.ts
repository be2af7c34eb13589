import type { ConsentInstance, InternalInstance } from '../create.js';
import { ATTR_PREFIX, BRAND } from '../constants.js';
import { resolveTexts, type BannerTextOverrides, type BannerTexts } from './texts.js';
import { injectStyles } from './styles.js';
import { focusablesIn, trapTab } from './focus-trap.js';

/** `main` is the first-visit banner; `preferences` the per-purpose view. */
export type BannerView = 'main' | 'preferences';

/** Options of `createBanner()`. */
export interface BannerOptions {
  /**
   * Language of the texts, as a language tag (`de`, `fr-CH`); only its primary subtag counts.
   * Built in: `en`, `de`, `fr`; any other needs `texts` for it. Defaults to the `lang` of
   * `<html>`, and to English when there are no texts for that language.
   */
  lang?: string;
  /**
   * Text overrides per language, keyed by primary subtag; missing keys come from the built-in
   * texts of that language, then from English. Plain text, never HTML. Defaults to none.
   * @example
   * { de: { title: 'Ihre Wahl' }, nl: { title: 'Uw keuze', accept: 'Accepteren', reject: 'Weigeren' } }
   */
  texts?: BannerTextOverrides;
  /** Address of the privacy policy, linked after the banner text (http, https or relative only). Defaults to no link. */
  privacyUrl?: string;
  /** The document to render into. Defaults to the global `document`; without one the banner does nothing. */
  document?: Document;
}

/** What `createBanner()` returns. */
export interface Banner {
  /**
   * Shows a view: `main` (the default) as a non-modal dialog, `preferences` as a modal one.
   * Unlike the automatic first showing, works whatever the consent state.
   */
  open(view?: BannerView): void;
  /** Hides both views without deciding anything. */
  close(): void;
  /** Hides both views, removes them and stops listening. The stylesheet stays for other banners. */
  destroy(): void;
}

const ACTION = `${ATTR_PREFIX}action`;
const NOOP: Banner = Object.freeze({ open() {}, close() {}, destroy() {} });
let banners = 0;

/**
 * Shows a consent banner for the `tracking` purpose, with Accept and Reject of equal weight and a
 * preferences view. It opens by itself only while the state is `unset` (so never for a GPC or
 * DNT visitor, nor after a decision); `open('preferences')` and any element with
 * `data-mautic-action="preferences"` reach the preferences at any time. Escape hides the banner
 * without deciding. Choices go to the instance as `grant`/`deny` with source `user`; the banner
 * stores nothing itself.
 * @example
 * import { createConsent, createBanner } from 'mautic-consent';
 * const banner = createBanner(createConsent({ mauticUrl: 'https://m.example.com' }), { privacyUrl: '/privacy' });
 * settingsLink.onclick = () => banner.open('preferences');
 * @param instance The consent instance (`window.MauticConsent` on script-tag pages).
 * @param options Language, texts, privacy link and document; see `BannerOptions`.
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
  const { lang, texts } = resolveTexts(options.lang ?? doc.documentElement?.getAttribute('lang'), options.texts);
  const prefix = `mc-banner-${++banners}`;
  let main: HTMLDialogElement | undefined;
  let prefs: HTMLDialogElement | undefined;
  let tracking: HTMLInputElement | undefined;
  // Where focus goes back to when a view closes.
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

  const dialog = (className: string, view: BannerView, title: string, body: string) => {
    const node = element('dialog', {
      class: `mc-dialog ${className}`,
      lang,
      'aria-labelledby': `${prefix}-${view}-title`,
      'aria-describedby': `${prefix}-${view}-body`,
    });
    node.append(
      element('h2', { id: `${prefix}-${view}-title`, class: 'mc-title' }, title),
      element('p', { id: `${prefix}-${view}-body`, class: 'mc-text' }, body),
    );
    node.addEventListener('keydown', (event) =>
      guard(() => {
        if (event.key === 'Escape') {
          // A non-modal dialog gets no `cancel` of its own; a modal one would close without us.
          event.preventDefault();
          hide(view);
        } else trapTab(node, event);
      }),
    );
    // Close requests that are not a keydown (Android back, CloseWatcher) on the modal view.
    node.addEventListener('cancel', (event) => {
      event.preventDefault();
      guard(() => hide(view));
    });
    return node;
  };

  const buildMain = () => {
    const node = dialog('mc-banner', 'main', texts.title, texts.body);
    const link = safeUrl(options.privacyUrl, doc);
    if (link) node.querySelector('.mc-text')?.append(' ', element('a', { href: link }, texts.privacy));
    const actions = element('div', { class: 'mc-actions' });
    actions.append(
      button(texts.accept, 'mc-choice', () => decide(true)),
      button(texts.reject, 'mc-choice', () => decide(false)),
      button(texts.preferences, 'mc-secondary', () => show('preferences')),
    );
    node.append(actions);
    doc.body.append(node);
    return node;
  };

  const buildPrefs = () => {
    const node = dialog('mc-prefs', 'preferences', texts.preferencesTitle, texts.preferencesBody);
    const essential = element('div', { class: 'mc-purpose' });
    essential.append(
      element('span', { id: `${prefix}-essential`, class: 'mc-label' }, texts.essentialLabel),
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
      button(texts.save, 'mc-choice', () => decide(!!tracking?.checked)),
      button(texts.close, 'mc-secondary', () => hide('preferences')),
    );
    node.append(purpose, essential, actions);
    doc.body.append(node);
    return node;
  };

  const reflect = () => {
    if (tracking) tracking.checked = instance.state().tracking === 'granted';
  };

  const show = (view: BannerView) => {
    if (destroyed) return;
    if (!doc.body) {
      doc.addEventListener('DOMContentLoaded', () => guard(() => show(view)), { once: true });
      return;
    }
    injectStyles(doc, (instance as Partial<InternalInstance>)[BRAND]?.config.nonce);
    if (view === 'preferences') {
      prefs ??= buildPrefs();
      reflect();
      if (!prefs.open) {
        prefsReturn = doc.activeElement;
        if (typeof prefs.showModal === 'function') prefs.showModal();
        else prefs.setAttribute('open', '');
      }
      focusablesIn(prefs)[0]?.focus();
    } else {
      main ??= buildMain();
      if (!main.open) {
        mainReturn = doc.activeElement;
        if (typeof main.show === 'function') main.show();
        else main.setAttribute('open', '');
      }
      // Moving focus in is what makes a screen reader read the dialog's name and description.
      main.querySelector('button')?.focus();
    }
  };

  const hide = (view: BannerView) => {
    const node = view === 'main' ? main : prefs;
    if (!node?.open) return;
    const back = view === 'main' ? mainReturn : prefsReturn;
    const hadFocus = node.contains(doc.activeElement);
    if (typeof node.close === 'function') node.close();
    else node.removeAttribute('open');
    if (hadFocus) restoreFocus(back);
  };

  /** Back to where focus came from, unless that is gone or inside a hidden view. */
  const restoreFocus = (target: Element | null) => {
    if (!target || target === doc.body || !target.isConnected || target.closest('dialog:not([open])')) return;
    (target as HTMLElement).focus?.();
  };

  const decide = (grant: boolean) => {
    if (grant) instance.grant({ source: 'user' });
    else instance.deny({ source: 'user' });
    hide('preferences');
    hide('main');
  };

  const onClick = (event: Event) =>
    guard(() => {
      const target = event.target as Element | null;
      const trigger = target?.closest?.(`[${ACTION}="preferences"]`);
      if (!trigger) return;
      event.preventDefault();
      show('preferences');
    });

  const off = instance.on('change', (state) =>
    guard(() => {
      if (state.tracking !== 'unset') hide('main');
      reflect();
    }),
  );
  doc.addEventListener('click', onClick);
  if (instance.state().tracking === 'unset') show('main');

  return {
    open: (view: BannerView = 'main') => guard(() => show(view === 'preferences' ? 'preferences' : 'main')),
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
        main?.remove();
        prefs?.remove();
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
