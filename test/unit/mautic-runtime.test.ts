import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchMauticScripts } from '../../src/page/mautic-runtime';
import type { Win } from '../../src/types';

type WithMauticJS = Window & { MauticJS?: Record<string, unknown> };

function watch() {
  const warn = vi.fn();
  const debug = vi.fn();
  watchMauticScripts(window as unknown as Win, warn, debug);
  return { warn, debug };
}

afterEach(() => {
  delete (window as WithMauticJS).MauticJS;
  document.head.replaceChildren();
});

describe('watchMauticScripts', () => {
  it('says nothing on a page without Mautic scripts', () => {
    const { warn, debug } = watch();
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(warn).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });

  it("notes Mautic 7's essential runtime in the debug output only", () => {
    const { warn, debug } = watch();
    (window as WithMauticJS).MauticJS = { runtimeReady: true, trackingEnabled: false };
    document.dispatchEvent(new CustomEvent('mauticEssentialReady'));
    expect(warn).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith('mautic-essential', expect.stringContaining('mautic-essential.js'));
  });

  it("warns when Mautic's tracking layer runs, by its flag, its event or its script", () => {
    const flag = watch();
    (window as WithMauticJS).MauticJS = { runtimeReady: true, trackingEnabled: true };
    document.dispatchEvent(new CustomEvent('mautic:tracking-enabled'));
    expect(flag.warn).toHaveBeenCalledWith('mautic-tracking', expect.stringContaining('remove it'), 'w-mautic-tracking');
    expect(flag.debug).not.toHaveBeenCalled();

    delete (window as WithMauticJS).MauticJS;
    const tag = document.createElement('script');
    tag.setAttribute('src', 'https://m.shop.test/mtc.js');
    document.head.append(tag);
    const script = watch();
    expect(script.warn).toHaveBeenCalledWith('mautic-tracking', expect.stringContaining('mautic-tracking.js or mtc.js'), 'w-mautic-tracking');
  });

  it('survives a hostile MauticJS getter', () => {
    Object.defineProperty(window, 'MauticJS', { configurable: true, get: () => { throw new Error('no'); } });
    expect(() => watch()).not.toThrow();
  });
});
