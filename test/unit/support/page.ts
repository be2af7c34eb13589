/** What the unit tests that run a whole instance share: a wait for its async work, and a clean page. */

/** Long enough for the instance's promises and fake fetches to settle. */
export const settle = () => new Promise((r) => setTimeout(r, 10));

/**
 * Expires every cookie the page sees and empties both storages. `Secure` as well: a `__Host-`
 * cookie can only be written, and so expired, with it.
 */
export function clearPage(): void {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; Secure`;
  }
  localStorage.clear();
  sessionStorage.clear();
}
