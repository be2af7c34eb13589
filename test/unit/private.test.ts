// Issue #14: a page script holding the instance reaches only its documented members, and the
// hand-over to sibling scripts gives its gift once, only to the script that is running.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/entries/esm';
import { linkOf } from '../../src/core/link';
import { handOver, takeGift } from '../../src/page/handover';

afterEach(() => vi.restoreAllMocks());

/** The prototype of `document` that holds the browser's `currentScript`. */
function currentScriptOwner(): Document {
  let proto = Object.getPrototypeOf(document);
  while (!Object.getOwnPropertyDescriptor(proto, 'currentScript')) proto = Object.getPrototypeOf(proto);
  return proto;
}

describe('private internals', () => {
  it('the instance has only its documented members, none of them a door to the internals', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const instance = createConsent({ mauticUrl: 'https://m.shop.test', window });
    expect(Reflect.ownKeys(instance).sort()).toEqual(['deny', 'grant', 'on', 'revokeAndPurge', 'state', 'track']);
    expect((instance as unknown as Record<string, unknown>).__mauticConsent).toBeUndefined();
    // Positive control: the internals exist, in the module-private map.
    expect(linkOf(instance)?.config.mauticUrl).toBe('https://m.shop.test');
    expect(linkOf({ ...instance })).toBeUndefined();
  });

  it('a gift is taken once, and only while its script is document.currentScript', () => {
    const script = document.createElement('script');
    const gift = { instance: {} };
    handOver(document, script, gift);
    // A page script runs at another time: currentScript is not that element.
    expect(takeGift(document)).toBeUndefined();
    const key = Symbol.for('mautic-consent.handover');
    expect((script as unknown as Record<symbol, () => unknown>)[key]()).toBeUndefined();
    // A page script's own currentScript property on document (red-team review: it watched the
    // script being added) names the element, but the browser's own member does not.
    Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script });
    expect(takeGift(document)).toBeUndefined();
    expect((script as unknown as Record<symbol, () => unknown>)[key]()).toBeUndefined();
    delete (document as unknown as Record<string, unknown>).currentScript;
    // Positive control: while the script runs (the document's own member names it), it gets the gift, once.
    const current = vi.spyOn(currentScriptOwner(), 'currentScript', 'get').mockReturnValue(script);
    expect(takeGift(document)).toBe(gift);
    expect(takeGift(document)).toBeUndefined();
    current.mockRestore();
  });
});
