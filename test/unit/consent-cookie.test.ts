import { afterEach, describe, expect, it } from 'vitest';
import { createRecord, serializeRecord } from '../../src/consent/record';
import { createRecordCookie } from '../../src/consent/record-cookie';
import { createStore } from '../../src/storage/store';

// happy-dom runs at https://www.shop.test/ (vitest.config.ts).
const now = () => new Date();
const record = (decision: 'granted' | 'denied', id = 'a') =>
  createRecord(null, decision, 'user', 0, { gpc: false, dnt: false }, now(), () => id.repeat(21));
const cookie = (o: { https: boolean; cookieDomain?: string; cookiesOn?: boolean }) =>
  createRecordCookie({ store: createStore(window), hostname: 'www.shop.test', pathname: '/a/b', lifetime: 1, now, cookieDomain: undefined, cookiesOn: true, ...o });

afterEach(() => {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    for (const domain of ['', '; domain=shop.test']) {
      for (const path of ['/', '/a']) if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain}; Secure`;
    }
  }
  localStorage.clear();
});

describe('the consent record cookie', () => {
  it('writes __Host- on https without a cookie domain, and reads it back', () => {
    const rc = cookie({ https: true });
    expect(rc.write(record('granted'))()).toBe(true);
    expect(document.cookie).toMatch(/^__Host-mautic_consent=/);
    expect(rc.read().record).toMatchObject({ decision: 'granted' });
  });

  it('writes the unprefixed name with a cookie domain', () => {
    const rc = cookie({ https: true, cookieDomain: 'shop.test' });
    expect(rc.write(record('granted'))()).toBe(true);
    expect(document.cookie).toMatch(/^mautic_consent=/);
  });

  it('takes the refusal among several values and rewrites it alone (http rules)', () => {
    const grant = encodeURIComponent(serializeRecord(record('granted', 'g')));
    const deny = encodeURIComponent(serializeRecord(record('denied', 'd')));
    document.cookie = `mautic_consent=${grant}; path=/; domain=shop.test`;
    expect(document.cookie.match(/mautic_consent=/g)).toHaveLength(1);
    document.cookie = `mautic_consent=${deny}; path=/`;
    expect(document.cookie.match(/mautic_consent=/g)).toHaveLength(2);
    const rc = cookie({ https: false });
    expect(rc.read().record).toMatchObject({ decision: 'denied', id: 'd'.repeat(21) });
    expect(document.cookie.match(/mautic_consent=/g)).toHaveLength(1);
  });

  it('on https, migrates an unprefixed refusal and ignores an unprefixed grant', () => {
    document.cookie = `mautic_consent=${encodeURIComponent(serializeRecord(record('denied', 'd')))}; path=/`;
    expect(cookie({ https: true }).read().record).toMatchObject({ decision: 'denied', id: 'd'.repeat(21) });
    expect(document.cookie).toMatch(/^__Host-mautic_consent=[^;]*$/);
    document.cookie = '__Host-mautic_consent=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; Secure';
    document.cookie = `mautic_consent=${encodeURIComponent(serializeRecord(record('granted', 'g')))}; path=/`;
    expect(cookie({ https: true }).read().record).toBeNull();
    expect(document.cookie).toBe('');
  });

  it('flags a value that does not parse, and still reads the valid one', () => {
    document.cookie = 'mautic_consent=garbage; path=/; domain=shop.test';
    const rc = cookie({ https: false });
    rc.write(record('granted'))();
    document.cookie = 'mautic_consent=garbage; path=/; domain=shop.test';
    expect(rc.read()).toMatchObject({ invalid: true, record: { decision: 'granted' } });
  });

  it('reads the localStorage refusal beside a record cookie, or with cookies off; not otherwise (then unset: nothing is sent)', () => {
    localStorage.setItem('mautic_consent', serializeRecord(record('denied', 'f')));
    // Cookies off: the fallback is the record.
    expect(cookie({ https: true, cookiesOn: false }).read().record).toMatchObject({ decision: 'denied', id: 'f'.repeat(21) });
    // Cookies on and no record cookie: no storage read at start; the state stays unset.
    expect(cookie({ https: true }).read().record).toBeNull();
    // Beside a grant cookie (a write of the refusal that was dropped), the fallback outvotes it.
    document.cookie = `__Host-mautic_consent=${encodeURIComponent(serializeRecord(record('granted', 'g')))}; path=/; Secure`;
    expect(cookie({ https: true }).read().record).toMatchObject({ decision: 'denied', id: 'f'.repeat(21) });
    // Positive control: without the fallback, that grant counts.
    localStorage.clear();
    expect(cookie({ https: true }).read().record).toMatchObject({ decision: 'granted' });
  });
});
