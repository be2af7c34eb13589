import { type FormKit, rowOf, showText } from './form-kit.js';

/** Mautic's email check: an `@` after the first character and a dot at least two characters after it, not last. */
const isEmail = (value: string) => {
  const at = value.indexOf('@');
  const dot = value.lastIndexOf('.');
  return at > 0 && dot >= at + 2 && dot + 2 < value.length;
};

/**
 * Marks `row` invalid, or valid, as Mautic's script does: its `.mauticform-errormsg` shows (with
 * `message` when Mautic's answer gave one, as text) and the row gets `mauticform-has-error`;
 * `onErrorMark({ containerId, valid, validationMessage })` may take over.
 */
function markError(kit: FormKit, row: HTMLElement, valid: boolean, message?: string) {
  const span = row.querySelector<HTMLElement>('.mauticform-errormsg');
  if (kit.hook('onErrorMark', { containerId: row.id, valid, validationMessage: message ?? span?.innerHTML })) return;
  if (!span) return;
  if (message !== undefined) showText(span, message);
  span.style.display = valid ? 'none' : '';
  row.classList.add('mauticform-has-error');
}

/** Hides the row's error again; `onErrorClear(containerId)` may take over. */
export function clearError(kit: FormKit, row: HTMLElement) {
  if (kit.hook('onErrorClear', row.id)) return;
  const span = row.querySelector<HTMLElement>('.mauticform-errormsg');
  if (!span) return;
  span.style.display = 'none';
  row.classList.remove('mauticform-has-error');
}

/**
 * Mautic's client-side check of one required field (`data-validate` row): a checkbox or radio
 * group needs one checked option, an email field an address, any other a value. A hidden
 * conditional row passes; `onValidateField({ fieldKey, field })` may decide instead.
 */
function validateField(kit: FormKit, row: HTMLElement): boolean {
  if (kit.hidden.has(row)) return true;
  const alias = row.dataset.validate ?? '';
  const type = row.dataset.validationType;
  const multiple = row.dataset.validateMultiple ?? null;
  let valid = kit.hook('onValidateField', { fieldKey: alias, field: { type, name: alias, multiple } });
  if (valid === null) {
    const control = kit.form.elements.namedItem(`mauticform[${alias}]${multiple === 'true' || type === 'checkboxgrp' ? '[]' : ''}`) as
      | (Element & { value?: string })
      | RadioNodeList
      | null;
    const options = control instanceof kit.ctx.win.RadioNodeList ? [...control] : control ? [control] : [];
    const value = control?.value ?? '';
    valid =
      !control ||
      (type === 'checkboxgrp' || type === 'radiogrp' ? options.some((o) => (o as HTMLInputElement).checked) : type === 'email' ? isEmail(value) : value !== '');
    if (valid) clearError(kit, row);
    else markError(kit, row, false);
  }
  return !!valid;
}

/** Checks every required row inside `scope` (all of them, so every error shows); the first invalid row or null. */
export function validateRows(kit: FormKit, scope: ParentNode): HTMLElement | null {
  let first: HTMLElement | null = null;
  for (const row of scope.querySelectorAll<HTMLElement>('[data-validate]')) if (!validateField(kit, row)) first ??= row;
  return first;
}

/** Shows the answer's field errors (alias → message) on their rows; the rows it found. */
export function markAnswerErrors(kit: FormKit, errors: Record<string, unknown>): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const [alias, message] of Object.entries(errors)) {
    const row = rowOf(kit, alias);
    if (!row) continue;
    rows.push(row);
    markError(kit, row, false, String(message));
  }
  return rows;
}
