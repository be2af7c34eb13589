/**
 * Fills empty fields from the page's query string, as Mautic's form script does: `?email=a@b.c`
 * fills `mauticform[email]` when it is empty and not hidden, with any tags taken out of the value.
 */
export function prefill(form: HTMLFormElement, search: string) {
  for (const [key, value] of new URLSearchParams(search)) {
    for (const el of form.querySelectorAll<HTMLInputElement>('[name]')) {
      if (el.name === `mauticform[${key}]` && el.type !== 'hidden' && el.value === '') el.value = value.replace(/<[^>]*>?/g, '');
    }
  }
}
