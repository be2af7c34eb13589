import type { EmbedContext } from './context.js';
import { EMBED_MARK } from '../core/constants.js';
import { inertFragment } from './html.js';
import { enhanceForms } from './form.js';

/** The slot name: ours, or Mautic's own markup (`data-slot-name`, `data-param-slot-name`). */
const slotName = (el: Element) =>
  el.getAttribute('data-mautic-dwc') || el.getAttribute('data-slot-name') || el.getAttribute('data-param-slot-name');

/**
 * Personalised content for a slot from `/dwc/{slot}`, asked only with tracking
 * granted, with the pageview fields mtc.js sends. 204 keeps the fallback. The fallback is kept
 * so a revoke can put it back. The content is cleaned (`inertFragment`); a Mautic form in it submits
 * cookie-free like an embedded one, any other form is removed, and nothing else in it is followed.
 */
export async function loadDynamicContent(ctx: EmbedContext, el: HTMLElement) {
  const slot = slotName(el);
  if (!slot || !/^[\w-]+$/.test(slot)) return ctx.warn(`dwc:${slot}`, `dynamic-content slot ${JSON.stringify(slot)} has no usable name; fallback kept.`);
  try {
    const response = await ctx.transport.get(`/dwc/${slot}`, ctx.pageParams());
    if (response.status === 204 || !ctx.granted()) return;
    const json = await response.json();
    if (typeof json?.content !== 'string') throw new Error('no content');
    if (!ctx.fallbacks.has(el)) ctx.fallbacks.set(el, [...el.childNodes].map((n) => n.cloneNode(true)));
    const content = inertFragment(ctx, json.content, el);
    enhanceForms(ctx, content, el);
    el.replaceChildren(content);
    ctx.remember(json);
  } catch (error) {
    if (ctx.granted()) ctx.warn(`dwc-load:${slot}`, `dynamic content for slot ${slot} could not be loaded (${error}); fallback kept.`);
  }
}

/** On a refusal, a slot that showed personalised content shows its fallback again. */
export function restoreFallback(ctx: EmbedContext, el: HTMLElement) {
  const fallback = ctx.fallbacks.get(el);
  if (fallback) {
    el.replaceChildren(...fallback);
    el.removeAttribute(EMBED_MARK);
  }
  ctx.fallbacks.delete(el);
}
