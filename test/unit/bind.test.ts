// The bind helpers given something that is not an instance (issue #14): one warning each, nothing
// bound, no exception; with a real instance (the positive control) they do their work.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindActions, bindDataLayer, bindEmbeds, bindLoaderQueue, createConsent } from '../../src/index';
import type { ConsentInstance } from '../../src/index';

afterEach(() => {
  vi.restoreAllMocks();
  delete (window as any).mt;
  delete (window as any).dataLayer;
});

const fake = { state: () => ({ tracking: 'granted' }), on: () => () => {}, grant() {}, deny() {}, track() {} } as unknown as ConsentInstance;

describe('bind helpers', () => {
  it.each([
    ['bindLoaderQueue', () => bindLoaderQueue(fake, window)],
    ['bindActions', () => bindActions(fake, document)],
    ['bindEmbeds', () => bindEmbeds(fake, document)],
    ['bindDataLayer', () => bindDataLayer(null as unknown as ConsentInstance, window)],
  ])('%s given a non-instance warns once and binds nothing', (name, bind) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (window as any).dataLayer = [];
    expect(() => { bind(); bind(); }).not.toThrow();
    const ours = warn.mock.calls.filter((c) => String(c[0]).includes(`${name}:`));
    // Twice called, told once (the memory is per helper and page; each helper is tried once here).
    expect(ours).toHaveLength(1);
    expect((window as any).mt).toBeUndefined();
    expect((window as any).dataLayer).toEqual([]);
  });

  it('positive control: with an instance, the loader queue and the dataLayer are bound', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    (window as any).dataLayer = [];
    const consent = createConsent({ mauticUrl: 'https://m.shop.test', window });
    bindLoaderQueue(consent, window);
    bindDataLayer(consent, window);
    expect(typeof (window as any).mt).toBe('function');
    expect((window as any).dataLayer.length).toBeGreaterThan(0);
  });
});
