import type { FormKit } from './form-kit.js';
import { validateRows } from './form-validate.js';

const PAGE = 'data-mautic-form-page';

/**
 * Mautic's multi-page forms: pages are `[data-mautic-form-page="n"]`, each followed by a page
 * break row `[data-mautic-form-pagebreak="n"]` with a Back and a Next button. Only page 1 shows
 * at first; Next checks the required fields of its page first; the first page's Back is disabled;
 * on the last page the submit button takes Next's place. `onShowNextPage(n)` and
 * `onShowPreviousPage(n)` are called before the switch. Returns the page switch.
 */
export function setupPages(kit: FormKit): (page: number) => void {
  const { form } = kit;
  const pages = () => [...form.querySelectorAll<HTMLElement>(`[${PAGE}]`)];
  const breakOf = (n: number) => form.querySelector<HTMLElement>(`[data-mautic-form-pagebreak="${n}"]`);
  const show = (n: number) => {
    for (const page of pages()) {
      const display = +page.getAttribute(PAGE)! === n ? 'block' : 'none';
      page.style.display = display;
      const pageBreak = breakOf(+page.getAttribute(PAGE)!);
      if (pageBreak) pageBreak.style.display = display;
    }
  };
  const all = pages();
  for (const page of all) {
    const n = +page.getAttribute(PAGE)!;
    const pageBreak = breakOf(n);
    if (!pageBreak) continue;
    const button = (which: string) => pageBreak.querySelector<HTMLButtonElement>(`[data-mautic-form-pagebreak-button="${which}"]`);
    const back = button('prev');
    const next = button('next');
    back?.addEventListener('click', () => {
      kit.hook('onShowPreviousPage', n - 1);
      show(n - 1);
    });
    next?.addEventListener('click', () => {
      if (validateRows(kit, page)) return;
      kit.hook('onShowNextPage', n + 1);
      show(n + 1);
    });
    if (n === 1) back?.setAttribute('disabled', 'disabled');
    else if (n === all.length) {
      const submit = form.querySelector('button[type="submit"]')?.parentElement;
      if (submit && next) next.replaceWith(submit);
    }
  }
  if (all.length) show(1);
  return show;
}

/** The page number of the page that holds `row`, or 0. */
export const pageOf = (row: Element | null) => +(row?.closest(`[${PAGE}]`)?.getAttribute(PAGE) ?? 0);
