import type { ConsentInstance } from '../core/instance.js';
import type { Win } from '../types.js';
import type { EmbedContext } from './context.js';
import { ATTR_PREFIX, EMBED_MARK } from '../core/constants.js';
import { linkOf } from '../core/link.js';
import { notInstance } from '../core/log.js';
import { enhanceForm, loadForm } from './form.js';
import { assetUrl, downloadAsset } from './asset.js';
import { loadDynamicContent } from './dynamic-content.js';
import { loadFocus } from './focus.js';
import { activate, deactivate } from './gate.js';

/** Marks a document whose embeds are bound, so the script-tag chunk and an ESM call never both run. */
const BOUND = Symbol.for('mautic-consent.embeds');

/** Every element an embed can start from: the core script loads the embeds when one shows up. */
export const EMBED_SELECTOR =
  `[${ATTR_PREFIX}form],[${ATTR_PREFIX}focus],[${ATTR_PREFIX}dwc],[data-slot="dwc"],.mautic-slot,[${ATTR_PREFIX}consent],a[${ATTR_PREFIX}asset]`;

const FORM = `[${ATTR_PREFIX}form]:not(form)`;
/** Mautic's own form markup (pasted embeds, forms inside dynamic content): `data-mautic-form` on the <form>. */
const MAUTIC_FORM = `form[${ATTR_PREFIX}form]`;
const FOCUS = `[${ATTR_PREFIX}focus]`;
const DWC = `[${ATTR_PREFIX}dwc],[data-slot="dwc"],.mautic-slot`;
const GATED = `[${ATTR_PREFIX}consent]`;
const ASSET = `a[${ATTR_PREFIX}asset]`;
const KIOSK = `[${ATTR_PREFIX}kiosk]`;

/** Below an element whose content the SDK fetched from Mautic: not page markup, never acted on. */
const isFetched = (el: Element) => !!el.parentElement?.closest(`[${EMBED_MARK}]`);

/** `fn` for each element of the page's own markup at or under `root` that matches `selector`. */
function each(root: Node, selector: string, fn: (el: HTMLElement) => void) {
  if (!(root instanceof Element) || isFetched(root)) return;
  if (root.matches(selector)) fn(root as HTMLElement);
  root.querySelectorAll<HTMLElement>(selector).forEach((el) => isFetched(el) || fn(el));
}

/** The id of a form that is Mautic's own markup and posts to the configured Mautic, or ''. */
function mauticFormId(ctx: EmbedContext, form: Element): string {
  const id = form.querySelector<HTMLInputElement>('[name="mauticform[formId]"]')?.value ?? '';
  try {
    if (/^\d+$/.test(id) && new URL(form.getAttribute('action') ?? '', ctx.win.location.href).origin === ctx.origin) return id;
  } catch {
    // not a URL: not Mautic's
  }
  return '';
}

/**
 * Wires the marketer-facing embeds (README, "Data attributes for marketers") in `doc`, now and as they are
 * added later (single-page apps, tag managers): forms and assets work at once without cookies,
 * focus items (kiosk ones too) and personalised content wait for consent, gated scripts and frames
 * run on grant. Content fetched from Mautic is cleaned and kept to its container: nothing inside it
 * is treated as an embed.
 * Element-bound listeners go with their element; the document keeps one click listener and one
 * MutationObserver, both removed by the returned function. The script-tag build does this by itself.
 * @example
 * const unbind = bindEmbeds(consent, document);
 */
export function bindEmbeds(instance: ConsentInstance, doc: Document): () => void {
  const link = linkOf(instance);
  if (!link) return notInstance('bindEmbeds');
  const { config, transport, warn, debug } = link;
  const win = doc.defaultView as Win;
  const marked = doc as Document & { [BOUND]?: boolean };
  if (!config.mauticUrl || !win || marked[BOUND]) return () => {};
  marked[BOUND] = true;
  const url = new URL(config.mauticUrl);
  const granted = () => instance.state().tracking === 'granted';
  const isKiosk = (el: Element | null) => config.kiosk || !!el?.closest(KIOSK);
  const ctx: EmbedContext = {
    win,
    doc,
    transport,
    warn,
    mauticUrl: config.mauticUrl,
    origin: url.origin,
    basePath: url.pathname.replace(/\/$/, ''),
    granted,
    identity: (el) => (granted() && !isKiosk(el) ? link.deviceId() : undefined),
    pageParams: link.pageParams,
    remember: link.remember,
    done: new WeakSet(),
    fallbacks: new WeakMap(),
    focusLoaded: new Set(),
    nonce: config.nonce,
    focusScripts: config.focusScripts,
    debug,
    enhanceForms(root, host) {
      root.querySelectorAll('form').forEach((form) => {
        const id = mauticFormId(ctx, form);
        if (id) enhanceForm(ctx, form as HTMLFormElement, id, host);
        else form.remove();
      });
    },
  };
  let asked = new WeakSet<Element>();

  function scan(root: Node) {
    each(root, FORM, (el) => {
      if (ctx.done.has(el)) return;
      ctx.done.add(el);
      void loadForm(ctx, el);
    });
    each(root, MAUTIC_FORM, (form) => {
      const id = mauticFormId(ctx, form);
      if (id) enhanceForm(ctx, form as HTMLFormElement, id, form);
    });
    each(root, FOCUS, (el) => {
      const id = el.getAttribute(`${ATTR_PREFIX}focus`)!;
      if (!/^\d+$/.test(id)) return warn(`focus-id:${id}`, `${ATTR_PREFIX}focus="${id}" is not a focus item id; ignored.`);
      // Mautic's focus script runs in the page, where nothing stops it from writing cookies or
      // storage: kiosk or not, it waits for consent (kiosk still keeps it anonymous after).
      if (granted()) void loadFocus(ctx, id, isKiosk(el));
    });
    if (!granted()) return;
    each(root, DWC, (el) => {
      if (asked.has(el) || isKiosk(el)) return;
      asked.add(el);
      void loadDynamicContent(ctx, el);
    });
    each(root, GATED, (el) => {
      const purpose = el.getAttribute(`${ATTR_PREFIX}consent`);
      if (purpose === 'tracking') activate(ctx, el);
      else warn(`purpose:${purpose}`, `${ATTR_PREFIX}consent="${purpose}" is not a purpose (only "tracking"); the element stays inert.`);
    });
  }

  function revert() {
    asked = new WeakSet();
    each(doc.documentElement, DWC, (el) => {
      const fallback = ctx.fallbacks.get(el);
      if (fallback) {
        el.replaceChildren(...fallback);
        el.removeAttribute(EMBED_MARK);
      }
      ctx.fallbacks.delete(el);
    });
    each(doc.documentElement, GATED, deactivate);
  }

  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element | null)?.closest?.(ASSET) as HTMLAnchorElement | null;
    if (!link || isFetched(link) || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = assetUrl(ctx, link);
    if (!target) return;
    event.preventDefault();
    void downloadAsset(ctx, link, target);
  };

  const observer = new win.MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(scan);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('click', onClick);
  const off = instance.on('change', (s) => (s.tracking === 'granted' ? scan(doc.documentElement) : s.tracking === 'denied' && revert()));
  const unsubscribe = link.onResponse((response) => {
    const items = (response.events as { focus_item?: { id?: unknown }[] } | undefined)?.focus_item;
    if (Array.isArray(items)) for (const item of items) if (/^\d+$/.test(String(item?.id))) void loadFocus(ctx, String(item.id), false);
  });
  scan(doc.documentElement);
  return () => {
    marked[BOUND] = false;
    observer.disconnect();
    doc.removeEventListener('click', onClick);
    off();
    unsubscribe();
  };
}
