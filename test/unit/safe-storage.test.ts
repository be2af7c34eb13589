import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/storage/store';

const throwing = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('createStore', () => {
  it('falls back to memory when web storage throws on every call', () => {
    const win = Object.create(window, { localStorage: { get: throwing }, sessionStorage: { get: throwing } }) as Window;
    const store = createStore(win);
    expect(store.local.get('a')).toBeNull();
    store.local.set('a', '1');
    expect(store.local.get('a')).toBe('1');
    expect(store.local.keys()).toEqual(['a']);
    store.local.remove('a');
    expect(store.local.get('a')).toBeNull();
  });

  it('falls back to memory when a write is refused (quota, private mode)', () => {
    const full = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem() {}, key: () => null, length: 0 };
    const store = createStore(Object.create(window, { localStorage: { value: full } }) as Window);
    store.local.set('k', 'v');
    expect(store.local.get('k')).toBe('v');
  });

  it('keeps cookies in memory without a document', () => {
    const store = createStore(undefined);
    store.setCookie('a', '1');
    expect(store.cookie('a')).toBe('1');
    expect(store.cookieList()).toEqual(['a']);
    store.removeCookie('a');
    expect(store.cookie('a')).toBeUndefined();
  });
});
