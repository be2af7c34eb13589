import type { EmbedContext } from './embeds.js';
import { inertFragment } from './html.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Shows or hides the Mautic error message of a field row, as mautic-form.js does. */
function mark(row: Element, message: string | null) {
  row.classList.toggle('mauticform-has-error', message !== null);
  const span = row.querySelector<HTMLElement>('.mauticform-errormsg');
  if (!span) return;
  if (message) span.textContent = message;
  span.style.display = message === null ? 'none' : '';
}

/** Mautic's client-side checks: required fields (`data-validate`) and email fields. */
function validate(form: HTMLFormElement): boolean {
  let first: HTMLElement | null = null;
  for (const row of form.querySelectorAll<HTMLElement>('[data-validate]')) {
    const alias = row.dataset.validate!;
    const inputs = [...form.querySelectorAll<HTMLInputElement>(`[name="mauticform[${alias}]"],[name="mauticform[${alias}][]"]`)];
    const checkable = inputs.filter((i) => i.type === 'checkbox' || i.type === 'radio');
    const value = checkable.length ? (checkable.some((i) => i.checked) ? 'x' : '') : (inputs[0]?.value ?? '').trim();
    const ok = !!value && (row.dataset.validationType !== 'email' || EMAIL.test(value));
    mark(row, ok ? null : '');
    if (!ok) first ??= inputs[0] ?? null;
  }
  first?.focus();
  return !first;
}

/** The message box of a form: Mautic renders it at the top or bottom; made when missing. */
function box(form: HTMLFormElement, kind: 'error' | 'message'): HTMLElement {
  let el = form.querySelector<HTMLElement>(`.mauticform-${kind}`);
  if (!el) {
    el = form.ownerDocument.createElement('div');
    el.className = `mauticform-${kind}`;
    form.append(el);
  }
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  return el;
}

/**
 * Makes a Mautic form submit without cookies: the submission is `fetch`ed to
 * `/form/submit?formId=N&ajax=1` (Mautic answers JSON, protocol §3.8) with credentials omitted,
 * carrying `mautic_device_id` only when tracking is granted and the embed is not kiosk.
 */
export function enhanceForm(ctx: EmbedContext, form: HTMLFormElement, id: string, host: Element) {
  if (ctx.done.has(form)) return;
  ctx.done.add(form);
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = box(form, 'message');
    const error = box(form, 'error');
    message.textContent = error.textContent = '';
    if (!validate(form)) return;
    const back = form.querySelector<HTMLInputElement>('[name="mauticform[return]"]');
    if (back) back.value = ctx.win.location.href;
    const data = new FormData(form);
    const device = ctx.identity(host);
    if (device) data.append('mautic_device_id', device);
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('[type=submit]')];
    buttons.forEach((b) => (b.disabled = true));
    try {
      const response = await ctx.transport.post(`/form/submit?formId=${id}&ajax=1`, data, true);
      const json = await response.json();
      if (json?.success) {
        form.reset();
        message.replaceChildren(inertFragment(ctx.doc, String(json.successMessage ?? ''), message, { nonce: ctx.nonce, origin: ctx.origin, oneForm: true }));
        if (typeof json.redirect === 'string' && /^https?:\/\//.test(json.redirect)) ctx.win.location.assign(json.redirect);
      } else {
        for (const [alias, text] of Object.entries(json?.validationErrors ?? {})) {
          const row = form.querySelector(`[data-validate="${CSS.escape(alias)}"]`) ?? form.querySelector(`[id$="_${CSS.escape(alias)}"].mauticform-row`);
          if (row) mark(row, String(text));
        }
        if (json?.errorMessage) error.textContent = String(json.errorMessage);
      }
    } catch {
      ctx.warn(`form-send:${id}`, `form ${id} could not be sent to ${ctx.mauticUrl}.`);
      error.textContent = 'The form could not be sent. Please try again.';
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  });
}

/** Fetches form `id` from Mautic (`/form/embed/{id}`, protocol §3.10) into `host`, cookie-free. */
export async function loadForm(ctx: EmbedContext, host: HTMLElement) {
  const id = host.getAttribute('data-mautic-form')!;
  if (!/^\d+$/.test(id)) return ctx.warn(`form:${id}`, `data-mautic-form="${id}" is not a form id; left as it is.`);
  const device = ctx.identity(host);
  try {
    const response = await ctx.transport.get(`/form/embed/${id}`, device ? { mautic_device_id: device } : {}, true);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fragment = inertFragment(ctx.doc, await response.text(), host, { nonce: ctx.nonce, origin: ctx.origin, oneForm: true });
    const form = fragment.querySelector('form');
    if (!form) throw new Error('no <form> in the answer');
    host.replaceChildren(fragment);
    enhanceForm(ctx, form, id, host);
  } catch (error) {
    ctx.warn(`form-load:${id}`, `form ${id} could not be loaded from ${ctx.mauticUrl} (${error}); the fallback stays.`);
  }
}
