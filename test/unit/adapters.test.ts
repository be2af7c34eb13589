import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsent, followCookieConsent, followCookiebot, followKlaro, followMauticScripts, followOneTrust, followTcf } from '../../src/index';
import type { AdapterOptions, ConsentInstance } from '../../src/index';

type Follow = (instance: ConsentInstance, options?: AdapterOptions) => () => void;
/** Each adapter, with a category it accepts (OneTrust has no default). */
const ADAPTERS: [string, Follow, string | undefined][] = [
  ['followTcf', followTcf, undefined],
  ['followCookieConsent', followCookieConsent, undefined],
  ['followKlaro', followKlaro, undefined],
  ['followCookiebot', followCookiebot, undefined],
  ['followOneTrust', followOneTrust, 'C0004'],
  ['followMauticScripts', followMauticScripts, undefined],
];

/** A window that counts what an adapter does to it: listeners and timers (the look for a late tool). */
function countingWindow() {
  const touched = vi.fn();
  const win = Object.create(window, {
    addEventListener: { value: touched },
    setTimeout: { value: touched },
    document: { value: { addEventListener: touched } },
  }) as Window;
  return { win, touched };
}

afterEach(() => vi.restoreAllMocks());

describe('consent-tool adapters', () => {
  it.each(ADAPTERS)('%s given an object createConsent() did not make: one warning, the tool is not followed', (name, follow, category) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { win, touched } = countingWindow();
    const stop = follow({} as ConsentInstance, { window: win, category });
    follow({} as ConsentInstance, { window: win, category });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining(`${name}: not an instance`)]);
    expect(touched).not.toHaveBeenCalled();
    expect(stop).not.toThrow();
  });

  // One instance for all: a second one on the window would warn.
  const instance = createConsent({ mauticUrl: 'https://m.shop.test' });
  it.each(ADAPTERS)('%s given an instance follows the tool in the window it is given (control)', (_, follow, category) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { win, touched } = countingWindow();
    follow(instance, { window: win, category });
    expect(touched).toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([]);
  });
});
