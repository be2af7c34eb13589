import type { EmbedContext } from './context.js';
import { inertFragment } from './html.js';
import { downloadAsset } from './asset.js';
import { createKit, showText } from './form-kit.js';
import { clearError, markAnswerErrors, validateRows } from './form-validate.js';
import { pageOf, setupPages } from './form-pages.js';
import { setupConditions } from './form-conditions.js';
import { prefill } from './form-prefill.js';

/** Mautic's answer to a submission (`/form/submit?ajax=1`); every key is untrusted. */
interface Answer {
  success?: unknown;
  successMessage?: unknown;
  errorMessage?: unknown;
  validationErrors?: Record<string, unknown>;
  redirect?: unknown;
  download?: unknown;
}

/**
 * Makes a Mautic form work the way Mautic's own form script does, without it and without cookies:
 * pages, conditional fields, prefill from the query string, `MauticFormCallback` hooks, the
 * waiting button, and the submission `fetch`ed to `/form/submit?formId=N&ajax=1` in Mautic's
 * messenger mode (so form actions, such as a download, answer in the JSON) with credentials omitted,
 * carrying `mautic_device_id` only when tracking is granted and the embed is not kiosk.
 */
export function enhanceForm(ctx: EmbedContext, form: HTMLFormElement, id: string, host: Element) {
  if (ctx.done.has(form)) return;
  ctx.done.add(form);
  form.noValidate = true;
  const kit = createKit(ctx, form);
  const { hook, name } = kit;
  prefill(form, ctx.win.location.search);
  const showPage = setupPages(kit);
  const reapply = setupConditions(kit);
  const wrapper = () => form.closest(`#mauticform_wrapper_${CSS.escape(name)}`);
  const button = () => form.querySelector<HTMLButtonElement>('.mauticform-button') ?? form.querySelector<HTMLButtonElement>('[type=submit]');
  let label: Node[] | undefined;
  let busy = false;

  /** The message box (`mauticform_{name}_message`/`_error`), made at the end of the form when Mautic's markup has none. */
  function setMessage(message: string, type: 'message' | 'error') {
    if (hook('onMessageSet', { message, type })) return;
    let el = form.querySelector(`#mauticform_${CSS.escape(name)}_${type}`) ?? form.querySelector(`.mauticform-${type}`);
    if (!el) {
      el = ctx.doc.createElement('div');
      el.className = `mauticform-${type}`;
      form.append(el);
    }
    el.setAttribute('role', type === 'error' ? 'alert' : 'status');
    if (type === 'error') showText(el, message);
    else el.replaceChildren(inertFragment(ctx.doc, message, el, { nonce: ctx.nonce, origin: ctx.origin, oneForm: true }));
  }
  function disable() {
    const b = button();
    if (hook('onSubmitButtonDisable') || !b) return;
    label = [...b.childNodes];
    const lang = (ctx.win as { MauticLang?: { submittingMessage?: unknown } }).MauticLang?.submittingMessage;
    b.textContent = typeof lang === 'string' ? lang : 'Please wait...';
    b.disabled = true;
  }
  function enable() {
    const b = button();
    if (hook('onSubmitButtonEnable') || !b) return;
    if (label) b.replaceChildren(...label);
    b.disabled = false;
  }
  async function send() {
    const data = new FormData(form);
    data.set('mauticform[messenger]', '1');
    const device = ctx.identity(host);
    if (device) data.append('mautic_device_id', device);
    let answer: Answer;
    try {
      const response = await ctx.transport.post(`/form/submit?formId=${id}&ajax=1`, data, true);
      answer = (await response.json()) ?? {};
    } catch {
      ctx.warn(`form-send:${id}`, `form ${id} could not be sent to ${ctx.mauticUrl}.`);
      setMessage('The form could not be sent. Please try again.', 'error');
      return enable();
    }
    if (hook('onResponse', answer)) return;
    hook('onResponseStart', answer);
    const redirect = typeof answer.redirect === 'string' && /^https?:\/\//.test(answer.redirect) ? answer.redirect : '';
    if (typeof answer.download === 'string') {
      await download(answer.download);
      if (redirect) ctx.win.location.assign(redirect);
    } else if (redirect) ctx.win.location.assign(redirect);
    else if (answer.validationErrors && typeof answer.validationErrors === 'object') {
      const pages = markAnswerErrors(kit, answer.validationErrors).map(pageOf).filter(Boolean);
      if (pages.length) showPage(Math.min(...pages));
    } else if (answer.errorMessage) setMessage(String(answer.errorMessage), 'error');
    if (answer.success) {
      if (answer.successMessage) setMessage(String(answer.successMessage), 'message');
      wrapper()?.classList.add('mauticform-post-success');
      form.querySelectorAll<HTMLElement>('.mauticform-has-error').forEach((row) => clearError(kit, row));
      showPage(1);
      form.reset();
      reapply();
    }
    enable();
    hook('onResponseEnd', answer);
  }
  /** A `download` answer (an asset action): fetched cookie-free like an asset link; its `ct` only with identity. */
  async function download(href: string) {
    try {
      const url = new URL(href, ctx.mauticUrl);
      if (url.origin !== ctx.origin || !url.pathname.startsWith(`${ctx.basePath}/asset/`)) throw new Error('not an asset');
      if (!ctx.identity(host)) url.searchParams.delete('ct');
      await downloadAsset(ctx, host, url);
    } catch {
      ctx.warn(`form-download:${id}`, `form ${id}: the answer's download ${href} is not an asset of ${ctx.mauticUrl}; ignored.`);
    }
  }

  // Capture phase: a pasted form whose page still loads Mautic's form script gets that script's
  // submit handler too; stopping the event here, before it, keeps one click one submission.
  form.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (busy) return;
      let valid = hook('onValidate');
      disable();
      let first: HTMLElement | null = null;
      if (valid === null) {
        hook('onValidateStart');
        wrapper()?.classList.remove('mauticform-post-success');
        setMessage('', 'message');
        setMessage('', 'error');
        first = validateRows(kit, form);
        valid = !first;
        const back = form.querySelector<HTMLInputElement>('[name="mauticform[return]"]');
        if (valid && back) back.value = ctx.win.location.href;
      }
      if (hook('onValidateEnd', valid) === false) valid = false;
      if (!valid) {
        if (pageOf(first)) showPage(pageOf(first));
        enable();
        first?.querySelector<HTMLElement>('input,select,textarea')?.focus();
        return;
      }
      busy = true;
      void send()
        .catch(enable)
        .finally(() => (busy = false));
    },
    true,
  );
}

/** Fetches form `id` from Mautic (`/form/embed/{id}`) into `host`, cookie-free. */
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
