import { type FormKit, showText } from './form-kit.js';
import { inertFragment } from './html.js';

/**
 * What a visitor sees of a submission, as Mautic's form script shows it: the message boxes, the
 * waiting submit button and the wrapper's success class. Each step calls its `MauticFormCallback`
 * hook first, which may take it over.
 */
export function createFeedback(kit: FormKit) {
  const { ctx, form, name, hook } = kit;
  const button = () => form.querySelector<HTMLButtonElement>('.mauticform-button') ?? form.querySelector<HTMLButtonElement>('[type=submit]');
  /** The submit button's own content while it says "Please wait...". */
  let label: Node[] | undefined;
  return {
    /** Mautic's wrapper around the form (`mauticform_wrapper_{name}`), which gets its success class. */
    wrapper: () => form.closest(`#mauticform_wrapper_${ctx.win.CSS.escape(name)}`),
    /**
     * Shows `message` in the message box (`mauticform_{name}_message`/`_error`), made at the end of
     * the form when Mautic's markup has none. An error is text; a success message is cleaned HTML.
     */
    message(message: string, type: 'message' | 'error') {
      if (hook('onMessageSet', { message, type })) return;
      let el = form.querySelector(`#mauticform_${ctx.win.CSS.escape(name)}_${type}`) ?? form.querySelector(`.mauticform-${type}`);
      if (!el) {
        el = ctx.doc.createElement('div');
        el.className = `mauticform-${type}`;
        form.append(el);
      }
      el.setAttribute('role', type === 'error' ? 'alert' : 'status');
      if (type === 'error') showText(el, message);
      else el.replaceChildren(inertFragment(ctx, message, el, true));
    },
    /** The waiting button: Mautic's `MauticLang.submittingMessage`, else "Please wait...", until the answer. */
    disable() {
      const b = button();
      if (hook('onSubmitButtonDisable') || !b) return;
      label = [...b.childNodes];
      const lang = (ctx.win as { MauticLang?: { submittingMessage?: unknown } }).MauticLang?.submittingMessage;
      b.textContent = typeof lang === 'string' ? lang : 'Please wait...';
      b.disabled = true;
    },
    enable() {
      const b = button();
      if (hook('onSubmitButtonEnable') || !b) return;
      if (label) b.replaceChildren(...label);
      b.disabled = false;
    },
  };
}

export type Feedback = ReturnType<typeof createFeedback>;
