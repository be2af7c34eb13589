import type { BannerTexts } from './texts.js';

/** `main` is the first-visit banner; `preferences` the per-purpose view. */
export type BannerView = 'main' | 'preferences';

/** Where and how a banner speaks. */
export interface Speech {
  readonly doc: Document;
  readonly texts: BannerTexts;
  /** The language of `texts`, on every view, so that it is read out and hyphenated in it. */
  readonly lang: string;
  /** Unique to this banner: the start of its element ids. */
  readonly prefix: string;
  /** The privacy policy's address, when there is a usable one. */
  readonly privacy: string | undefined;
}

/** What the views' controls do. */
interface ViewActions {
  /** The visitor's choice. */
  decide: (grant: boolean) => void;
  show: (view: BannerView, deliberate: boolean) => void;
  hide: (view: BannerView) => void;
}

/** Runs `action`, swallowing whatever it throws: the banner must never break the host page. */
export function guard(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing to do; the page goes on.
  }
}

/**
 * Makes the banner's elements in `kit.doc`, their controls acting through `kit`; each builder adds
 * what it made to `<body>`. Every text is set as text, never parsed as markup.
 */
export function createViews(kit: Speech & ViewActions) {
  const { doc, texts, lang, prefix, privacy, decide, show, hide } = kit;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const button = (label: string, className: string, onClick: () => void) => {
    const node = el('button', { type: 'button', class: className }, label);
    node.addEventListener('click', () => guard(onClick));
    return node;
  };
  // Accept and Reject, alike in everything but their words, so that neither is the easier click.
  const choices = () => [button(texts.accept, 'mc-btn mc-choice', () => decide(true)), button(texts.reject, 'mc-btn mc-choice', () => decide(false))];
  const secondary = (label: string, onClick: () => void) => button(label, 'mc-btn mc-secondary', onClick);
  const openPrefs = () => show('preferences', true);
  const hidePrefs = () => hide('preferences');
  /** A dialog named by its title and described by its text. */
  const dialog = (className: string, view: BannerView, title: string, body: (Node | string)[], ...children: Node[]) =>
    // tabindex -1: the dialog itself takes focus when opened on purpose, so nothing that decides does.
    el(
      'dialog',
      { class: `mc-dialog ${className}`, lang, tabindex: '-1', 'aria-labelledby': `${prefix}-${view}-title`, 'aria-describedby': `${prefix}-${view}-body` },
      el('h2', { id: `${prefix}-${view}-title`, class: 'mc-title' }, title),
      el('p', { id: `${prefix}-${view}-body`, class: 'mc-text' }, ...body),
      ...children,
    );

  return {
    el,
    /**
     * The first-visit banner, first in `<body>` so that a keyboard visitor's first Tab reaches it
     * (it is fixed at the bottom). `entered` hears where focus came from when the visitor moved into it.
     */
    main: (entered: (from: Element | null) => void): HTMLDialogElement => {
      const link = privacy ? [' ', el('a', { href: privacy }, texts.privacy)] : [];
      const node = dialog('mc-banner', 'main', texts.title, [texts.body, ...link], el('div', { class: 'mc-actions' }, ...choices(), secondary(texts.preferences, openPrefs)));
      node.addEventListener('focusin', (event) => {
        const from = event.relatedTarget as Element | null;
        if (!from || !node.contains(from)) entered(from);
      });
      doc.body.prepend(node);
      return node;
    },
    /** The preferences, a modal dialog at the end of `<body>`, and the tracking switch in it. */
    prefs: (): [HTMLDialogElement, HTMLInputElement] => {
      const id = `${prefix}-tracking`;
      const tracking = el('input', { type: 'checkbox', role: 'switch', class: 'mc-switch', id, 'aria-describedby': `${id}-description` });
      const node = dialog(
        'mc-prefs',
        'preferences',
        texts.preferencesTitle,
        [texts.preferencesBody],
        el('div', { class: 'mc-purpose' }, el('label', { for: id }, texts.trackingLabel), tracking, el('p', { id: `${id}-description` }, texts.trackingDescription)),
        el('div', { class: 'mc-purpose' }, el('span', { class: 'mc-label' }, texts.essentialLabel), el('span', {}, texts.alwaysOn), el('p', {}, texts.essentialDescription)),
        el('div', { class: 'mc-actions' }, ...choices(), secondary(texts.save, () => decide(tracking.checked)), secondary(texts.close, hidePrefs)),
      );
      node.setAttribute('aria-modal', 'true');
      // Close requests (Escape, Android back) hide the view without deciding.
      node.addEventListener('cancel', (event) => {
        event.preventDefault();
        guard(hidePrefs);
      });
      doc.body.append(node);
      return [node, tracking];
    },
    /** The "Privacy settings" button, fixed in the corner, that opens the preferences in one click. */
    settings: (): HTMLButtonElement => {
      const node = button(texts.settings, 'mc-settings', openPrefs);
      node.setAttribute('lang', lang);
      node.setAttribute('aria-haspopup', 'dialog');
      doc.body.append(node);
      return node;
    },
  };
}

