import { type FormKit, rowOf } from './form-kit.js';

/** The values chosen in a parent row: checked boxes or radios, else selected options. */
function chosen(row: Element): string[] {
  const boxes = row.querySelectorAll<HTMLInputElement>('input[type=checkbox],input[type=radio]');
  const picked = boxes.length ? [...boxes].filter((b) => b.checked) : [...row.querySelectorAll<HTMLOptionElement>('option')].filter((o) => o.selected);
  return picked.map((o) => o.value);
}

/**
 * Mautic's conditional fields: a row with `data-mautic-form-show-on="{parent}:{v1|v2|*}"` shows
 * while a chosen value of the parent field is listed (`*`: any value), or with
 * `data-mautic-form-expr="notIn"` while a chosen value is not listed; otherwise it is hidden and
 * its required check is off (Mautic skips it on the server too). Inside a shown row, a select's
 * option groups other than the one labelled with the chosen value are taken out (and the row
 * hides when none matches), as Mautic does. Returns a function that applies the rules again.
 */
export function setupConditions(kit: FormKit): () => void {
  const parents = new Map<HTMLElement, Map<HTMLElement, string[]>>();
  const originals = new WeakMap<HTMLSelectElement, Node>();
  for (const row of kit.form.querySelectorAll<HTMLElement>('[data-mautic-form-show-on]')) {
    const rule = row.getAttribute('data-mautic-form-show-on')!;
    const at = rule.lastIndexOf(':');
    const parent = rowOf(kit, rule.slice(0, at));
    if (!parent) continue;
    if (!parents.has(parent)) {
      parents.set(parent, new Map());
      parent.addEventListener('change', () => apply(parent));
    }
    parents.get(parent)!.set(row, rule.slice(at + 1).split('|'));
  }
  const hide = (row: HTMLElement) => {
    row.style.display = 'none';
    kit.hidden.add(row);
  };
  const show = (row: HTMLElement, value: string) => {
    row.style.display = 'block';
    kit.hidden.delete(row);
    for (const select of row.querySelectorAll('select')) {
      if (!originals.has(select)) originals.set(select, select.cloneNode(true));
      select.replaceChildren(...originals.get(select)!.cloneNode(true).childNodes);
    }
    const groups = [...row.querySelectorAll('optgroup')];
    const others = groups.filter((g) => g.label !== value);
    if (groups.length && others.length === groups.length) return hide(row);
    others.forEach((g) => g.remove());
  };
  function apply(parent: HTMLElement) {
    const values = chosen(parent);
    for (const [row, listed] of parents.get(parent)!) {
      hide(row);
      const notIn = row.getAttribute('data-mautic-form-expr') === 'notIn';
      for (const value of values) if (value && (notIn ? !listed.includes(value) : listed.includes(value) || listed.includes('*'))) show(row, value);
    }
  }
  const applyAll = () => parents.forEach((_, parent) => apply(parent));
  applyAll();
  return applyAll;
}
