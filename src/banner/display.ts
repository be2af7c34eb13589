import type { ConsentInstance } from '../core/instance.js';
import { ATTR_PREFIX } from '../core/constants.js';
import { injectStyles } from './styles.js';
import { reserveSpace } from './space.js';
import { createSettingsButton } from './settings-button.js';
import { type BannerView, type Speech, createViews } from './views.js';

/** The page's own entry to the preferences. */
export const PREFERENCES = `[${ATTR_PREFIX}action="preferences"]`;

/** What shows and hides a banner's views; each view is made the first time it shows. */
interface Display {
  /**
   * Shows a view. `deliberate`: the visitor or the page asked for it; the view then takes focus
   * unless the visitor is typing. Shown by itself, the banner takes focus only from nothing in particular.
   */
  show: (view: BannerView, deliberate: boolean) => void;
  /** Hides a view without deciding; focus, if it was in the view, goes back where it came from. */
  hide: (view: BannerView) => void;
  /** True while the preferences show. */
  prefsOpen: () => boolean;
  /** The switch says what the instance says. */
  reflect: () => void;
  /** Shows the settings button when it is wanted, else hides it. */
  sync: () => void;
  /** Hides both views and removes every element the banner added; nothing shows afterwards. */
  destroy: () => void;
}

/**
 * The views of a banner for `instance`. Choices go to it as `grant`/`deny` with source `user`; the
 * banner stores nothing itself. `settingsButton` is the option: without it, the page's own
 * preferences entry decides whether the built-in button shows.
 */
export function createDisplay(instance: ConsentInstance, speech: Speech, nonce?: string, settingsButton?: boolean): Display {
  const { doc, texts, lang } = speech;
  let main: HTMLDialogElement | undefined;
  let prefs: HTMLDialogElement | undefined;
  let tracking: HTMLInputElement | undefined;
  let status: HTMLElement | undefined;
  let release: (() => void) | undefined;
  // Where focus goes back to: the element focus left for the banner, and the preferences' opener.
  let mainReturn: Element | null = null;
  let prefsReturn: Element | null = null;
  let destroyed = false;
  const views = createViews({ ...speech, decide, show, hide });
  // The built-in settings button shows while the first banner does not, unless the page has its own entry or turned it off.
  const syncSettings = createSettingsButton(views.settings, () => !destroyed && !main?.open && (settingsButton ?? !doc.querySelector(PREFERENCES)));
  const reflect = () => {
    if (tracking) tracking.checked = instance.state().tracking === 'granted';
  };

  function show(view: BannerView, deliberate: boolean) {
    if (destroyed || !doc.body) return;
    injectStyles(doc, nonce);
    status ??= doc.body.appendChild(views.el('div', { class: 'mc-status', role: 'status', lang }));
    if (view === 'preferences') {
      if (!prefs) [prefs, tracking] = views.prefs();
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
      main ??= views.main((from) => (mainReturn = from));
      if (!main.open) {
        // The attribute, not show(): show() runs the focusing steps and would take focus from a
        // visitor typing in the page.
        main.setAttribute('open', '');
        // The settings button gives its room back first, so the banner's is not undone.
        syncSettings();
        release = reserveSpace(main, main.querySelector<HTMLElement>('.mc-actions'));
      }
      if (deliberate ? !isTyping(doc) : isIdle(doc)) main.focus({ preventScroll: true });
    }
  }

  function hide(view: BannerView) {
    const node = view === 'main' ? main : prefs;
    if (!node?.open) return;
    const hadFocus = node.contains(doc.activeElement);
    if (typeof node.close === 'function') node.close();
    else node.removeAttribute('open');
    if (view === 'main') {
      release?.();
      release = undefined;
    }
    const settings = syncSettings();
    if (hadFocus) land(doc, [view === 'main' ? mainReturn : prefsReturn, settings, doc.querySelector(PREFERENCES)]);
  }

  function decide(grant: boolean) {
    if (grant) instance.grant({ source: 'user' });
    else instance.deny({ source: 'user' });
    if (status) status.textContent = grant ? texts.accepted : texts.rejected;
    hide('main');
    hide('preferences');
  }

  return {
    show,
    hide,
    prefsOpen: () => !!prefs?.open,
    reflect,
    sync: syncSettings,
    destroy() {
      hide('preferences');
      hide('main');
      destroyed = true;
      for (const node of [main, prefs, syncSettings(), status]) node?.remove();
    },
  };
}

/**
 * Focus after a view closes: the first of `targets` that can take it (where it came from, else the
 * settings button, else the page's own entry).
 */
function land(doc: Document, targets: (Element | null | undefined)[]) {
  const usable = (target: Element | null | undefined): target is HTMLElement =>
    !!target && target !== doc.body && target.isConnected && !target.closest('dialog:not([open]),[hidden]') && typeof (target as HTMLElement).focus === 'function';
  targets.find(usable)?.focus();
}

/** True when nobody works in the page: focus is on nothing in particular. */
function isIdle(doc: Document) {
  const active = doc.activeElement;
  return !active || active === doc.body || active === doc.documentElement;
}

/** True while the visitor is in a field: even a page's own open() must not take focus from it. */
const isTyping = (doc: Document) => !!doc.activeElement?.matches('input,textarea,select,[contenteditable]:not([contenteditable="false"])');
