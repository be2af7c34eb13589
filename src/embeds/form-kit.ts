import type { EmbedContext } from './context.js';

/** What the form behaviours share about one Mautic form. Everything is looked up inside `form`. */
export interface FormKit {
  ctx: EmbedContext;
  form: HTMLFormElement;
  /** Mautic's form name (`data-mautic-form` on the `<form>`), the key of `MauticFormCallback`. */
  name: string;
  /** Calls a `MauticFormCallback` hook; null when the page defines none (or it threw). */
  hook: (event: string, data?: unknown) => unknown;
  /** Conditional rows hidden now: their required check does not apply. */
  hidden: WeakSet<Element>;
}

/**
 * Calls `window.MauticFormCallback[name][event](data)` the way Mautic's form script does: one
 * argument, `null` when there is none, and its return value decides whether the hook "handled" the
 * step. A hook that throws gets one warning and counts as absent, so the form keeps working.
 */
export function createKit(ctx: EmbedContext, form: HTMLFormElement): FormKit {
  // The hidden `mauticform[formName]` carries the same name, should a sanitiser drop the attribute.
  const named = form.elements.namedItem('mauticform[formName]') as HTMLInputElement | null;
  const name = form.getAttribute('data-mautic-form') ?? named?.value ?? '';
  return {
    ctx,
    form,
    name,
    hidden: new WeakSet(),
    hook(event, data = null) {
      try {
        const fn = (ctx.win as { MauticFormCallback?: Record<string, Record<string, unknown>> }).MauticFormCallback?.[name]?.[event];
        if (typeof fn === 'function') return fn(data);
      } catch (error) {
        ctx.warn(`form-hook:${name}:${event}`, `MauticFormCallback.${name}.${event} threw (${error}); the form goes on without it.`);
      }
      return null;
    },
  };
}

/** The row of field `alias`, found the way Mautic's script does (`mauticform_{form}_{alias}`, then `mauticform_{alias}`). */
export function rowOf(kit: FormKit, alias: string): HTMLElement | null {
  const { CSS } = kit.ctx.win;
  const byId = (id: string) => kit.form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  return byId(`mauticform_${kit.name}_${alias}`) ?? byId(`mauticform_${alias}`) ?? kit.form.querySelector(`[data-validate="${CSS.escape(alias)}"]`);
}

/**
 * Shows a message Mautic sends as HTML-escaped text (validation and error messages) as text:
 * Mautic's `<br />` line breaks become `<br>` elements made here, other tags are dropped, and
 * entities are decoded into characters, so `&quot;` reads `"` and `&lt;img&gt;` reads `<img>`;
 * nothing in the message is ever parsed as markup.
 */
export function showText(el: Element, message: string) {
  const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  const lines = String(message)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (entity, code: string) => {
      if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? entity;
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : +code.slice(1);
      return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : entity;
    })
    .split('\n');
  el.replaceChildren(...lines.flatMap((line, i) => (i ? [el.ownerDocument.createElement('br'), line] : [line])));
}
