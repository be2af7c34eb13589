import type { EmbedContext } from './context.js';
import { inertFragment } from './html.js';
import { downloadAsset } from './asset.js';
import { type FormKit, createKit } from './form-kit.js';
import { type Feedback, createFeedback } from './form-feedback.js';
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
  const { hook } = kit;
  prefill(form, ctx.win.location.search);
  const showPage = setupPages(kit);
  const reapply = setupConditions(kit);
  const feedback = createFeedback(kit);
  let busy = false;

  /** Sends the form and acts on Mautic's answer as Mautic's script does, hooks included. */
  async function send() {
    const answer = await post(ctx, form, id, host);
    if (!answer) {
      feedback.message('The form could not be sent. Please try again.', 'error');
      return feedback.enable();
    }
    if (hook('onResponse', answer)) return;
    hook('onResponseStart', answer);
    const redirect = typeof answer.redirect === 'string' && /^https?:\/\//.test(answer.redirect) ? answer.redirect : '';
    if (typeof answer.download === 'string') {
      await download(ctx, host, id, answer.download);
      if (redirect) ctx.win.location.assign(redirect);
    } else if (redirect) ctx.win.location.assign(redirect);
    else if (answer.validationErrors && typeof answer.validationErrors === 'object') {
      const pages = markAnswerErrors(kit, answer.validationErrors).map(pageOf).filter(Boolean);
      if (pages.length) showPage(Math.min(...pages));
    } else if (answer.errorMessage) feedback.message(String(answer.errorMessage), 'error');
    if (answer.success) {
      if (answer.successMessage) feedback.message(String(answer.successMessage), 'message');
      feedback.wrapper()?.classList.add('mauticform-post-success');
      form.querySelectorAll<HTMLElement>('.mauticform-has-error').forEach((row) => clearError(kit, row));
      showPage(1);
      form.reset();
      reapply();
    }
    feedback.enable();
    hook('onResponseEnd', answer);
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
      feedback.disable();
      let first: HTMLElement | null = null;
      if (valid === null) {
        first = validate(kit, feedback);
        valid = !first;
      }
      if (hook('onValidateEnd', valid) === false) valid = false;
      if (!valid) {
        if (pageOf(first)) showPage(pageOf(first));
        feedback.enable();
        first?.querySelector<HTMLElement>('input,select,textarea')?.focus();
        return;
      }
      busy = true;
      void send()
        .catch(() => feedback.enable())
        .finally(() => (busy = false));
    },
    true,
  );
}

/** The id of a form that is Mautic's own markup and posts to the configured Mautic, or ''. */
export function mauticFormId(ctx: EmbedContext, form: Element): string {
  const id = form.querySelector<HTMLInputElement>('[name="mauticform[formId]"]')?.value ?? '';
  try {
    if (/^\d+$/.test(id) && new URL(form.getAttribute('action') ?? '', ctx.win.location.href).origin === ctx.origin) return id;
  } catch {
    // not a URL: not Mautic's
  }
  return '';
}

/** Makes Mautic's own forms under `root` (fetched dynamic content) submit cookie-free; removes any other form. */
export function enhanceForms(ctx: EmbedContext, root: ParentNode, host: Element) {
  root.querySelectorAll('form').forEach((form) => {
    const id = mauticFormId(ctx, form);
    if (id) enhanceForm(ctx, form, id, host);
    else form.remove();
  });
}

/** Fetches form `id` from Mautic (`/form/embed/{id}`) into `host`, cookie-free. */
export async function loadForm(ctx: EmbedContext, host: HTMLElement) {
  const id = host.getAttribute('data-mautic-form')!;
  if (!/^\d+$/.test(id)) return ctx.warn(`form:${id}`, `data-mautic-form="${id}" is not a form id; left as it is.`);
  const device = ctx.identity(host);
  try {
    const response = await ctx.transport.get(`/form/embed/${id}`, device ? { mautic_device_id: device } : {}, true);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fragment = inertFragment(ctx, await response.text(), host, true);
    const form = fragment.querySelector('form');
    if (!form) throw new Error('no <form> in the answer');
    host.replaceChildren(fragment);
    enhanceForm(ctx, form, id, host);
  } catch (error) {
    ctx.warn(`form-load:${id}`, `form ${id} could not be loaded from ${ctx.mauticUrl} (${error}); the fallback stays.`);
  }
}

/** The built-in check, when no `onValidate` hook decided: messages cleared, every required row checked; the first invalid one. */
function validate(kit: FormKit, feedback: Feedback): HTMLElement | null {
  const { form } = kit;
  kit.hook('onValidateStart');
  feedback.wrapper()?.classList.remove('mauticform-post-success');
  feedback.message('', 'message');
  feedback.message('', 'error');
  const first = validateRows(kit, form);
  const back = form.querySelector<HTMLInputElement>('[name="mauticform[return]"]');
  if (!first && back) back.value = kit.ctx.win.location.href;
  return first;
}

/** Posts `form` to Mautic, cookie-free, in messenger mode; Mautic's answer, or nothing (and a warning) when it could not be sent. */
async function post(ctx: EmbedContext, form: HTMLFormElement, id: string, host: Element): Promise<Answer | undefined> {
  const data = new ctx.win.FormData(form);
  data.set('mauticform[messenger]', '1');
  const device = ctx.identity(host);
  if (device) data.append('mautic_device_id', device);
  try {
    const response = await ctx.transport.post(`/form/submit?formId=${id}&ajax=1`, data, true);
    return (await response.json()) ?? {};
  } catch {
    ctx.warn(`form-send:${id}`, `form ${id} could not be sent to ${ctx.mauticUrl}.`);
  }
}

/** A `download` answer (an asset action): fetched cookie-free like an asset link; its `ct` only with identity. */
async function download(ctx: EmbedContext, host: Element, id: string, href: string) {
  try {
    const url = new URL(href, ctx.mauticUrl);
    if (url.origin !== ctx.origin || !url.pathname.startsWith(`${ctx.basePath}/asset/`)) throw new Error('not an asset');
    if (!ctx.identity(host)) url.searchParams.delete('ct');
    await downloadAsset(ctx, host, url);
  } catch {
    ctx.warn(`form-download:${id}`, `form ${id}: the answer's download ${href} is not an asset of ${ctx.mauticUrl}; ignored.`);
  }
}
