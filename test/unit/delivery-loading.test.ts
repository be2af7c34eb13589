// The script-tag core gets its pageview delivery from a separate script, loaded once tracking is
// granted. Here the loader is the test's: it decides when (and whether) the delivery arrives.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInstance } from '../../src/core/instance';
import { createWarn } from '../../src/core/log';
import { normalizeOptions } from '../../src/core/options';
import { createDelivery } from '../../src/tracking/delivery';
import type { DeliveryFactory } from '../../src/tracking/tracker';
import { clearPage, settle } from './support/page';

const ANSWER = { success: 1, id: 7, sid: 'abcdefghij0123456789xyz', device_id: 'abcdefghij0123456789xyz', events: [] };

function make() {
  const sent: Record<string, string>[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    sent.push(Object.fromEntries(new URLSearchParams(String(init.body))));
    return new Response(JSON.stringify(ANSWER), { status: 200 });
  });
  const win = Object.create(window, { fetch: { value: fetch } }) as Window & typeof globalThis;
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const warn = createWarn(console);
  let ready: ((factory: DeliveryFactory) => void) | undefined;
  const load = vi.fn((r: (factory: DeliveryFactory) => void) => void (ready = r));
  const instance = createInstance(win, normalizeOptions({ mauticUrl: 'https://m.shop.test' }, win.location, warn), warn, load);
  const arrive = () => ready!(createDelivery);
  return { instance, sent, load, arrive };
}

beforeEach(clearPage);
afterEach(() => {
  clearPage();
  vi.restoreAllMocks();
});

describe('the delivery, loaded once tracking is granted', () => {
  it('is not asked for before a grant, nor after a refusal', async () => {
    const { instance, load } = make();
    instance.track();
    instance.deny();
    instance.track();
    await settle();
    expect(load).not.toHaveBeenCalled();
    // Positive control: a grant asks for it, once.
    instance.grant();
    instance.track();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('sends what waited for it, in order, when it arrives; nothing before', async () => {
    const { instance, sent, arrive } = make();
    instance.track({ n: '1' });
    instance.grant();
    instance.track({ n: '2' });
    await settle();
    expect(sent).toEqual([]);
    arrive();
    instance.track({ n: '3' });
    await settle();
    expect(sent.map((p) => [p.n, p.counter])).toEqual([['1', '0'], ['2', '1'], ['3', '2']]);
  });

  it('a refusal before it arrives drops what waited: nothing goes when it does', async () => {
    const { instance, sent, arrive } = make();
    instance.track({ n: '1' });
    instance.grant();
    instance.track({ n: '2' });
    instance.deny();
    arrive();
    await settle();
    expect(sent).toEqual([]);
    // Positive control: after a new grant the arrived delivery sends a new pageview.
    instance.grant();
    instance.track({ n: '3' });
    await settle();
    expect(sent.map((p) => p.n)).toEqual(['3']);
  });

  it('one that never arrives sends nothing, however long the page waits', async () => {
    const { instance, sent, load } = make();
    instance.grant();
    instance.track();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([]);
  });
});
