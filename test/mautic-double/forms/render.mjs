// Renders a form definition (definitions.mjs) into the HTML Mautic's Twig templates produce
// *before* Mautic's post-processing: our own code, written from reading the templates
// (FormBundle Builder/form.html.twig, Builder/_style.html.twig, Field/*.html.twig) and
// FormModel::getPages. build.mjs then applies Mautic's post-processing (a libxml2 parse and
// serialisation that also removes every <script>) and writes the fixtures. See README.md.
//
// Facts this follows, in our words:
// - every field goes through one "field helper" that builds three ordered attribute maps
//   (container, label, input); maps keep the order in which keys were first added, and the
//   templates print them with no space between attributes;
// - the container is `mauticform_{form}_{alias}` with classes `mauticform-row mauticform-{kind}
//   mauticform-field-{order}`; a required field adds `mauticform-required`, `data-validate` and
//   `data-validation-type`; a conditional field adds `data-mautic-form-show-on="{parent}:{values}"`
//   (values joined with `|`, `*` for "any value"), `data-mautic-form-expr` and `mauticform-field-hidden`;
// - conditional fields are rendered right after their parent, pages open at the first field after
//   a page break and close before it, and the page break itself sits between two pages;
// - hidden fields have no container; page breaks are hidden rows with a Back and a Next button;
// - a captcha without a question is a honeypot (its row is hidden);
// - from 5.2 on the default button class is `btn btn-ghost` (5.1: `btn btn-default`), labels may
//   carry HTML (5.1 escaped them), and the style block gained the company-lookup rules.

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);

/** An ordered attribute map; `set` keeps the position of an existing key, as Twig's merge does. */
class Attrs {
  constructor(entries = []) {
    this.map = new Map(entries);
  }
  set(key, value) {
    this.map.set(key, value);
    return this;
  }
  addClass(...names) {
    return this.set('class', [...(this.map.get('class') ?? []), ...names]);
  }
  toString() {
    return [...this.map].map(([k, v]) => `${k}="${esc(Array.isArray(v) ? v.join(' ') : v)}"`).join('');
  }
}

/** `class="a b" onfocus="x"` as an admin types it into "input attributes", into an ordered map. */
function parseAttributes(text = '') {
  const out = new Attrs();
  for (const [, name, value] of text.matchAll(/([\w-]+)="([^"]*)"/g)) out.set(name, name === 'class' ? value.split(/\s+/) : value);
  return out;
}

const alnum = (s) => String(s ?? '').replace(/[^A-Za-z0-9]/g, '');

/** What the templates' shared "field helper" computes for one field. */
function helper(field, f, o) {
  const inputClass = `mauticform-${o.inputClass}`;
  const input = parseAttributes(field.inputAttributes ?? (field.type === 'button' ? `class="${f.buttonClass}"` : ''));
  const label = new Attrs();
  const container = new Attrs();
  if (!o.ignoreName) input.set('name', `mauticform[${field.alias}]${field.multiple ? '[]' : ''}`);
  if (!['checkboxgrp', 'radiogrp', 'textarea'].includes(field.type)) input.set('value', field.defaultValue ?? '');
  if (!o.ignoreId) {
    input.set('id', `mauticform_input_${f.name}_${field.alias}`);
    label.set('id', `mauticform_label_${f.name}_${field.alias}`).set('for', `mauticform_input_${f.name}_${field.alias}`);
  }
  if (field.placeholder) input.set('placeholder', field.placeholder);
  label.addClass('mauticform-label');
  input.addClass(inputClass);
  container.set('id', `mauticform_${f.name}_${field.alias}`).addClass('mauticform-row', `mauticform-${o.containerClass ?? o.containerType}`, `mauticform-field-${field.order}`);
  if (field.parent) {
    const c = field.conditions;
    const values = c.any && c.expr !== 'notIn' ? '*' : c.values.join('|');
    container.set('data-mautic-form-show-on', `${field.parent}:${values}`).set('data-mautic-form-expr', c.expr).addClass('mauticform-field-hidden');
  }
  let message = '';
  if (field.required) {
    message = field.message ?? 'This is required.';
    container.addClass('mauticform-required').set('data-validate', field.alias).set('data-validation-type', field.type);
    if (field.multiple) container.set('data-validate-multiple', 'true');
  } else if (o.required) container.addClass('mauticform-required');
  return { input, label, container, message };
}

const labelText = (field, f) => (f.labelsAsHtml ? field.label : esc(field.label));
const errorSpan = (message) => `<span class="mauticform-errormsg" style="display:none;">${esc(message)}</span>`;

/** One field's markup, the way its Field/{type}.html.twig template prints it. */
function fieldHtml(field, f) {
  switch (field.type) {
    case 'text':
    case 'email':
    case 'textarea':
    case 'captcha': {
      let type = field.type === 'captcha' ? 'text' : field.type;
      const o = { inputClass: field.type === 'textarea' ? 'textarea' : 'input', containerType: type, containerClass: field.type === 'textarea' ? 'text' : undefined };
      if (field.type === 'captcha') o.required = !!field.captcha;
      if (field.type === 'captcha' && !field.captcha) field = { ...field, containerAttributes: 'style="display:none;"' };
      const { input, label, container, message } = helper(field, f, o);
      const c = parseAttributes(field.containerAttributes);
      for (const [k, v] of container.map) c.set(k, v);
      const control =
        field.type === 'textarea' ? `<textarea ${input}>${esc(field.defaultValue ?? '')}</textarea>` : `<input type="${type}" ${input} />`;
      return `<div ${c}>${field.showLabel === false ? '' : `<label ${label}>${labelText(field, f)}</label>`}${control}${errorSpan(message)}</div>`;
    }
    case 'select': {
      const { input, label, container, message } = helper(field, f, { inputClass: 'selectbox', containerType: 'select' });
      const first = field.placeholder || !field.defaultValue ? `<option value="">${esc(field.placeholder ?? '')}</option>` : '';
      const options = field.options.map(([v, l]) => `<option value="${esc(v)}" ${v === field.defaultValue ? 'selected="selected"' : ''}>${esc(l)}</option>`).join('');
      return `<div ${container}><label ${label}>${labelText(field, f)}</label><select ${input}>${first}${options}</select>${errorSpan(message)}</div>`;
    }
    case 'checkboxgrp':
    case 'radiogrp': {
      const type = field.type === 'checkboxgrp' ? 'checkbox' : 'radio';
      const kind = `${type}grp`;
      const { input, label, container, message } = helper(field, f, { inputClass: `${kind}-${type}`, containerType: kind, ignoreId: true, ignoreName: type === 'checkbox' });
      // Mautic's first-label target ends in "1" where the first option's id ends in "0" (as it renders).
      label.set('for', `mauticform_${kind}_${type}_${field.alias}_${alnum(field.options[0][1])}1`);
      const options = field.options.map(([v, l], i) => {
        const id = `${field.alias}_${alnum(v)}${i}`;
        const attrs = new Attrs(input.map).set('name', `mauticform[${field.alias}]${type === 'checkbox' ? '[]' : ''}`).set('id', `mauticform_${kind}_${type}_${id}`).set('type', type).set('value', v);
        if (v === field.defaultValue) attrs.set('checked', 'checked');
        const optionLabel = new Attrs().set('class', [`mauticform-${kind}-label`]).set('id', `mauticform_${kind}_label_${id}`).set('for', `mauticform_${kind}_${type}_${id}`);
        return `<div class="mauticform-${kind}-row"><input ${attrs} /><label ${optionLabel}>${esc(l)}</label></div>`;
      });
      return `<div ${container}><label ${label}>${labelText(field, f)}</label>${options.join('')}${errorSpan(message)}</div>`;
    }
    case 'hidden': {
      const { input } = helper(field, f, { inputClass: 'hidden', containerType: 'hidden' });
      return `<input ${input.set('type', 'hidden')} />`;
    }
    case 'freehtml': {
      const { input, label, container } = helper(field, f, { inputClass: 'freehtml', containerType: 'freehtml' });
      return `<div ${container}>${field.showLabel === false ? '' : `<h3 ${label}>${labelText(field, f)}</h3>`}<div ${input}>${field.html}</div></div>`;
    }
    case 'pagebreak': {
      const { input, container } = helper(field, f, { inputClass: 'pagebreak', containerType: 'pagebreak-wrapper' });
      const back = new Attrs(input.map).addClass('btn', f.ghost ? 'btn-ghost' : 'btn-default', 'mautic-pagebreak-back').set('type', 'button').set('data-mautic-form-pagebreak-button', 'prev');
      const next = new Attrs(input.map).addClass('btn', f.ghost ? 'btn-ghost' : 'btn-default', 'mautic-pagebreak-next').set('type', 'button').set('data-mautic-form-pagebreak-button', 'next');
      container.set('data-mautic-form-pagebreak', String(field.page)).set('style', ['display:none;']);
      if (!field.prev) back.set('style', ['display:none;']);
      return `<div ${container}><button ${back}>${esc(field.prev)}</button><button ${next}>${esc(field.next)}</button></div>`;
    }
    case 'button': {
      const { input, container } = helper(field, f, { inputClass: 'button', containerType: 'button-wrapper' });
      input.set('type', 'submit').set('name', `mauticform[${field.alias}]`).set('value', '1');
      return `<div ${container}><button ${input}>${labelText(field, f)}</button></div>`;
    }
    default:
      throw new Error(`no template for field type ${field.type}`);
  }
}

/** FormModel::getPages, in our words: where pages open and close, and the last page break. */
function pages(fields) {
  const open = new Map();
  const close = new Map();
  let openAt = null;
  let previous = null;
  let last = null;
  let count = 1;
  for (const field of fields) {
    if (field.type === 'pagebreak' && openAt) {
      open.set(openAt, count);
      openAt = null;
      last = field.alias;
      if (previous) close.set(previous, count++);
    } else if (!openAt) openAt = field.alias;
    previous = field.alias;
  }
  if (openAt) open.set(openAt, count);
  if (previous !== last) close.set(previous, count);
  return { open, close, last };
}

// Mautic's style block styles these selectors; the declarations here are our own short stand-ins
// (what matters to the SDK is which selectors exist and that the block is a scoped <style>).
const STYLE_COMMON = `.mauticform_wrapper { max-width: 600px; margin: 8px auto; }
    .mauticform-error { color: #c00; }
    .mauticform-message { color: #070; }
    .mauticform-row { display: block; margin-bottom: 16px; }
    .mauticform-label { display: block; font-weight: bold; }
    .mauticform-row.mauticform-required .mauticform-label:after { content: " *"; color: #c00; }
    .mauticform-helpmessage { display: block; }
    .mauticform-errormsg { display: block; color: #c00; }
    .mauticform-selectbox, .mauticform-input, .mauticform-textarea { width: 100%; box-sizing: border-box; }`;
/** The button rules name the default button class of the version; 5.2 added rules for the company-lookup list. */
const styleBlock = (btn, lookup) => `<style type="text/css" scoped>
    ${STYLE_COMMON}
    .mauticform-button-wrapper .mauticform-button.${btn}, .mauticform-pagebreak-wrapper .mauticform-pagebreak.${btn} { background: #fff; }
    .mauticform-button-wrapper .mauticform-button.${btn}[disabled], .mauticform-pagebreak-wrapper .mauticform-pagebreak.${btn}[disabled] { opacity: 0.7; }
    .mauticform-pagebreak-wrapper .mauticform-button-wrapper { display: inline; }${lookup ? `
    .autoComplete_wrapper { position: relative; }` : ''}
</style>`;

/** What each Mautic line renders differently for the same form (see README.md, "Versions"). */
export const VERSIONS = {
  '5.1': { ghost: false, labelsAsHtml: false, lookupCss: false },
  '5.2': { ghost: true, labelsAsHtml: true, lookupCss: true },
  '6.0': { ghost: true, labelsAsHtml: true, lookupCss: true },
  '7.1': { ghost: true, labelsAsHtml: true, lookupCss: true },
};

/** The earliest line that renders exactly like `version`, whose fixture file serves both. */
export function fixtureLine(version) {
  const same = JSON.stringify(VERSIONS[version]);
  return Object.keys(VERSIONS).find((v) => JSON.stringify(VERSIONS[v]) === same) ?? version;
}

/**
 * The form's HTML as the Twig templates print it, with `MAUTIC_ORIGIN` where Mautic writes its own
 * URL (the action), so one fixture serves every scheme and port.
 */
export function renderRaw(definition, version, messages = 'top') {
  const v = VERSIONS[version];
  if (!v) throw new Error(`unknown version ${version}`);
  const f = { name: definition.name, ghost: v.ghost, labelsAsHtml: v.labelsAsHtml, buttonClass: v.ghost ? 'btn btn-ghost' : 'btn btn-default' };
  const fields = definition.fields.map((field, i) => ({ ...field, order: i + 1 }));
  const { open, close } = pages(fields);
  let page = 1;
  let out = '';
  for (const field of fields) {
    if (open.has(field.alias)) out += `<div class="mauticform-page-wrapper mauticform-page-${page}" data-mautic-form-page="${page}" >`;
    if (!field.parent) {
      out += fieldHtml({ ...field, page: page - 1 }, f);
      // Conditional fields follow their parent (never under a hidden parent).
      if (field.type !== 'hidden') for (const child of fields.filter((c) => c.parent === field.alias)) out += fieldHtml({ ...child, page: page - 1 }, f);
    }
    if (close.has(field.alias)) {
      out += '</div>';
      page++;
    }
  }
  const n = definition.name;
  const boxes = `<div class="mauticform-error" id="mauticform_${n}_error"></div><div class="mauticform-message" id="mauticform_${n}_message"></div>`;
  return `${styleBlock(v.ghost ? 'btn-ghost' : 'btn-default', v.lookupCss)}
<style type="text/css" scoped>
    .mauticform-field-hidden { display:none }
</style>
<div id="mauticform_wrapper_${n}" class="mauticform_wrapper">
    <form autocomplete="false" role="form" method="post" action="MAUTIC_ORIGIN/form/submit?formId=${definition.id}" id="mauticform_${n}" data-mautic-form="${n}" enctype="multipart/form-data" >${messages === 'top' ? boxes : ''}<div class="mauticform-innerform">${out}</div>${messages === 'bottom' ? boxes : ''}<input type="hidden" name="mauticform[formId]" id="mauticform_${n}_id" value="${definition.id}"/>
        <input type="hidden" name="mauticform[return]" id="mauticform_${n}_return" value=""/>
        <input type="hidden" name="mauticform[formName]" id="mauticform_${n}_name" value="${n}"/>
        </form>
</div>`;
}
