import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/storage/store';

/** A window whose document shows `header` as its cookies, as a browser's jar would. */
function jar(header: string): Window {
  const proto = { get cookie() { return header; }, set cookie(_: string) {} };
  return { location: { protocol: 'https:' }, document: Object.create(proto) } as unknown as Window;
}

describe('cookie names are taken as written', () => {
  it('an encoded __Host- name (which the browser lets a sibling subdomain set) is not the __Host- cookie', () => {
    const store = createStore(jar('__Host%2Dmautic_consent=forged; %5F%5FHost-mautic_consent=forged2'));
    expect(store.cookies('__Host-mautic_consent')).toEqual([]);
    expect(store.cookieList()).toEqual(['__Host%2Dmautic_consent', '%5F%5FHost-mautic_consent']);
  });

  it('positive control: the real name is read, and values are still URI-decoded', () => {
    const store = createStore(jar('__Host-mautic_consent=%7B%22d%22%3A%22g%22%7D'));
    expect(store.cookies('__Host-mautic_consent')).toEqual(['{"d":"g"}']);
  });
});
