import type { ConsentInstance } from '../core/instance.js';
import type { Link } from '../core/link.js';
import type { Win } from '../types.js';
import type { EmbedContext } from './context.js';
import { ATTR_PREFIX, EMBED_MARK } from '../core/constants.js';
import { linkOf } from '../core/link.js';
import { connectionOf } from '../tracking/connection.js';
import { notInstance } from '../core/log.js';
import { enhanceForm, loadForm, mauticFormId } from './form.js';
import { assetUrl, downloadAsset } from './asset.js';
import { loadDynamicContent, restoreFallback } from './dynamic-content.js';
import { loadFocus, loadFocusItems } from './focus.js';
import { activate, deactivate } from './gate.js';

/**
 * Documents whose embeds are bound, so a second `bindEmbeds` on one document does nothing. Private
 * to this bundle: an instance of another bundle has no link here, so it cannot bind through it.
 */
const BOUND = new WeakSet<Document>();

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
  const win = doc.defaultView as Win | null;
  if (!link.config.mauticUrl || !win || BOUND.has(doc)) return () => {};
  BOUND.add(doc);
  const ctx = createContext(instance, link, win, doc);
  const observer = new win.MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach((node) => scan(ctx, node));
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  const onClick = (event: MouseEvent) => clickAsset(ctx, event);
  doc.addEventListener('click', onClick);
  const off = instance.on('change', (s) => (s.tracking === 'granted' ? scan(ctx, doc.documentElement) : s.tracking === 'denied' && revert(ctx)));
  const unsubscribe = link.onResponse((response) => loadFocusItems(ctx, response));
  scan(ctx, doc.documentElement);
  return () => {
    BOUND.delete(doc);
    observer.disconnect();
    doc.removeEventListener('click', onClick);
    off();
    unsubscribe();
  };
}

/** The embeds' view of `instance` in `doc`: its link's parts, and the state of this one binding. */
function createContext(instance: ConsentInstance, link: Link, win: Win, doc: Document): EmbedContext {
  const { config } = link;
  const connection = connectionOf(link);
  const url = new URL(config.mauticUrl);
  const granted = () => instance.state().tracking === 'granted';
  const isKiosk = (el: Element | null) => config.kiosk || !!el?.closest(KIOSK);
  return {
    win,
    doc,
    transport: connection.transport,
    warn: link.warn,
    debug: link.debug,
    mauticUrl: config.mauticUrl,
    origin: url.origin,
    basePath: url.pathname.replace(/\/$/, ''),
    granted,
    isKiosk,
    identity: (el) => (granted() && !isKiosk(el) ? connection.deviceId() : undefined),
    pageParams: connection.pageParams,
    remember: connection.remember,
    done: new WeakSet(),
    asked: new WeakSet(),
    fallbacks: new WeakMap(),
    focusLoaded: new Set(),
    nonce: config.nonce,
    focusScripts: config.focusScripts,
  };
}

/** Below an element whose content the SDK fetched from Mautic: not page markup, never acted on. */
const isFetched = (el: Element) => !!el.parentElement?.closest(`[${EMBED_MARK}]`);

/** `fn` for each element of the page's own markup at or under `root` that matches `selector`. */
function each(ctx: EmbedContext, root: Node, selector: string, fn: (el: HTMLElement) => void) {
  if (!(root instanceof ctx.win.Element) || isFetched(root)) return;
  if (root.matches(selector)) fn(root as HTMLElement);
  root.querySelectorAll<HTMLElement>(selector).forEach((el) => isFetched(el) || fn(el));
}

/** Starts every embed at or under `root`; those that need consent only with it. */
function scan(ctx: EmbedContext, root: Node) {
  const { warn } = ctx;
  each(ctx, root, FORM, (el) => {
    if (ctx.done.has(el)) return;
    ctx.done.add(el);
    void loadForm(ctx, el);
  });
  each(ctx, root, MAUTIC_FORM, (form) => {
    const id = mauticFormId(ctx, form);
    if (id) enhanceForm(ctx, form as HTMLFormElement, id, form);
  });
  each(ctx, root, FOCUS, (el) => {
    const id = el.getAttribute(`${ATTR_PREFIX}focus`)!;
    if (!/^\d+$/.test(id)) return warn(`focus-id:${id}`, `${ATTR_PREFIX}focus="${id}" is not a focus item id; ignored.`);
    // Mautic's focus script runs in the page, where nothing stops it from writing cookies or
    // storage: kiosk or not, it waits for consent (kiosk still keeps it anonymous after).
    if (ctx.granted()) void loadFocus(ctx, id, ctx.isKiosk(el));
  });
  if (!ctx.granted()) return;
  each(ctx, root, DWC, (el) => {
    if (ctx.asked.has(el) || ctx.isKiosk(el)) return;
    ctx.asked.add(el);
    void loadDynamicContent(ctx, el);
  });
  each(ctx, root, GATED, (el) => {
    const purpose = el.getAttribute(`${ATTR_PREFIX}consent`);
    if (purpose === 'tracking') activate(ctx, el);
    else warn(`purpose:${purpose}`, `${ATTR_PREFIX}consent="${purpose}" is not a purpose (only "tracking"); the element stays inert.`);
  });
}

/** On a refusal: personalised slots get their fallback back, gated frames and images unload. */
function revert(ctx: EmbedContext) {
  ctx.asked = new WeakSet();
  each(ctx, ctx.doc.documentElement, DWC, (el) => restoreFallback(ctx, el));
  each(ctx, ctx.doc.documentElement, GATED, deactivate);
}

/** A plain left click on a Mautic asset link downloads it cookie-free instead of following it. */
function clickAsset(ctx: EmbedContext, event: MouseEvent) {
  const link = (event.target as Element | null)?.closest?.(ASSET) as HTMLAnchorElement | null;
  if (!link || isFetched(link) || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = assetUrl(ctx, link);
  if (!target) return;
  event.preventDefault();
  void downloadAsset(ctx, link, target);
}
