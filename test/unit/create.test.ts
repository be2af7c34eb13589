import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/entries/esm';
import type { ConsentOptions } from '../../src/types';
import { clearPage, settle } from './support/page';

interface Call { url: string; init: RequestInit; params: Record<string, string> }

/** A fetch double that records calls and answers like Mautic's /mtc/event. */
function fakeFetch(answer: () => Promise<Response> = async () =>
  new Response(JSON.stringify({ success: 1, id: 7, sid: 'abcdefghij0123456789xyz', device_id: 'abcdefghij0123456789xyz', events: [] }), { status: 200 })) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const query = url.includes('?') ? url.split('?')[1] : String(init.body ?? '');
    calls.push({ url, init, params: Object.fromEntries(new URLSearchParams(query)) });
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer();
  });
  return { calls, fn };
}

function make(options: Partial<ConsentOptions> = {}, fetchImpl = fakeFetch()) {
  const win = Object.create(window, { fetch: { value: fetchImpl.fn } }) as Window;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const instance = createConsent({ mauticUrl: 'https://m.shop.test', window: win, ...options });
  return { instance, calls: fetchImpl.calls, warn };
}

beforeEach(clearPage);
afterEach(() => {
  clearPage();
  vi.restoreAllMocks();
});

describe('createConsent', () => {
  it('stores and sends nothing before a decision', async () => {
    const { instance, calls } = make();
    instance.track();
    instance.track({ email: 'a@b.c' });
    await settle();
    expect(calls).toEqual([]);
    expect(document.cookie).toBe('');
    expect(localStorage.length).toBe(0);
    expect(instance.state()).toMatchObject({ tracking: 'unset', source: 'default', record: null });
  });

  it('sends waiting pageviews on grant, in mtc.js field order, with credentials omitted', async () => {
    const { instance, calls } = make();
    instance.track();
    instance.track({ tags: 'a,-b', page_title: 'Override' });
    instance.grant({ source: 'user' });
    await settle();
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first.url).toBe('https://m.shop.test/mtc/event');
    expect(first.init).toMatchObject({ method: 'POST', credentials: 'omit', mode: 'cors', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(Object.keys(first.params)).toEqual([
      'page_title', 'page_language', 'preferred_locale', 'page_referrer', 'page_url', 'counter',
      'timezone_offset', 'resolution', 'platform', 'do_not_track', 'timezone',
    ]);
    expect(first.params).toMatchObject({ page_url: 'https://www.shop.test/', counter: '0', do_not_track: 'false' });
    // The second pageview carries the identity Mautic gave in the first answer.
    expect(second.params).toMatchObject({ counter: '1', page_title: 'Override', tags: 'a,-b', mautic_device_id: 'abcdefghij0123456789xyz' });
    expect(Object.keys(second.params).indexOf('mautic_device_id')).toBe(11);
    expect(localStorage.getItem('mtc_id')).toBe('7');
    expect(document.cookie).toContain('mautic_device_id=abcdefghij0123456789xyz');
  });

  it('writes the consent record on grant and reads it back on the next page', () => {
    const { instance } = make();
    instance.grant({ source: 'user' });
    const { record } = instance.state();
    expect(record).toMatchObject({ decision: 'granted', source: 'user', revision: 0 });
    expect(document.cookie).toContain('mautic_consent=');
    const next = make().instance.state();
    expect(next).toMatchObject({ tracking: 'granted', source: 'user', record: { id: record!.id } });
  });

  it('re-asks after a revision bump', () => {
    make().instance.grant();
    expect(make({ revision: 1 }).instance.state()).toMatchObject({ tracking: 'unset', record: null });
  });

  it('drops waiting pageviews on deny and deletes the identity', async () => {
    localStorage.setItem('mtc_id', '3');
    localStorage.setItem('mautic_device_id', 'olddevice0000000000000a');
    document.cookie = 'mtc_id=3; path=/';
    const { instance, calls } = make();
    instance.track();
    instance.deny({ source: 'user' });
    instance.grant({ source: 'user' });
    await settle();
    expect(calls).toEqual([]);
    expect(localStorage.getItem('mtc_id')).toBeNull();
    expect(document.cookie).not.toContain('mtc_id');
  });

  it('never writes an identity that arrives after a deny', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = fakeFetch(async () => {
      await gate;
      return new Response(JSON.stringify({ success: 1, id: 9, device_id: 'abcdefghij0123456789xyz' }));
    });
    const { instance, calls } = make({}, slow);
    instance.grant();
    instance.track();
    await settle();
    expect(calls).toHaveLength(1);
    instance.deny();
    release();
    await settle();
    expect(calls[0].init.signal?.aborted).toBe(true);
    expect(localStorage.getItem('mtc_id')).toBeNull();
    expect(document.cookie).not.toContain('mautic_device_id');
  });

  it('falls back to the pixel, without credentials, when CORS fails, and warns once', async () => {
    const failing = fakeFetch(async () => { throw new TypeError('Failed to fetch'); });
    const { instance, calls, warn } = make({}, failing);
    instance.grant();
    instance.track();
    instance.track();
    await settle();
    expect(calls.map((c) => c.url.split('?')[0])).toEqual([
      'https://m.shop.test/mtc/event', 'https://m.shop.test/mtracking.gif', 'https://m.shop.test/mtracking.gif',
    ]);
    expect(calls[1].init).toMatchObject({ method: 'GET', mode: 'no-cors', credentials: 'omit' });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('does not retry or store anything when Mautic answers garbage', async () => {
    const html = fakeFetch(async () => new Response('<html>oops</html>', { status: 200 }));
    const { instance, calls, warn } = make({}, html);
    instance.grant();
    instance.track();
    await settle();
    expect(calls).toHaveLength(1);
    expect(localStorage.getItem('mtc_id')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stores nothing at all in kiosk mode, even after grant', async () => {
    const { instance, calls } = make({ kiosk: true });
    instance.grant();
    instance.track();
    instance.track();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].params.mautic_device_id).toBeUndefined();
    expect(document.cookie).toBe('');
    expect(localStorage.length).toBe(0);
  });

  it('emits change and purge, and survives a throwing handler', () => {
    const { instance, warn } = make();
    const changes: string[] = [];
    instance.on('change', () => { throw new Error('boom'); });
    const off = instance.on('change', (s) => changes.push(`${s.tracking}/${s.source}`));
    const purges = vi.fn();
    instance.on('purge', purges);
    instance.grant({ source: 'user' });
    instance.grant({ source: 'user' });
    instance.deny({ source: 'cmp' });
    off();
    instance.grant();
    expect(changes).toEqual(['granted/user', 'denied/cmp']);
    expect(purges).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalled();
  });

  it('returns frozen snapshots', () => {
    const { instance } = make();
    const snapshot = instance.state();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(() => { (snapshot as { tracking: string }).tracking = 'granted'; }).toThrow();
  });

  it('rejects an unknown source without changing state', () => {
    const { instance, warn } = make();
    instance.grant({ source: 'banner' as never });
    expect(instance.state().tracking).toBe('unset');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"banner"'));
  });
});

describe('a purge that fails', () => {
  /** A window whose `location` throws once `broken` is set: the purge reads it first. */
  function breakable() {
    const state = { broken: false };
    const win = Object.create(window, {
      location: {
        get() {
          if (state.broken) throw new Error('location unreadable');
          return window.location;
        },
      },
    }) as Window;
    return { win, state };
  }

  it('reports that it failed, with one warning and the purge event, never an empty report that reads as done', async () => {
    const { win, state } = breakable();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const instance = createConsent({ mauticUrl: 'https://m.shop.test', window: win });
    const events: unknown[] = [];
    instance.on('purge', (report) => events.push(report));
    state.broken = true;
    const report = await instance.revokeAndPurge();
    expect(report.deleted).toEqual([]);
    expect(report.unreachable).toEqual([expect.objectContaining({ name: '*', reason: expect.stringContaining('purge failed') })]);
    expect(events).toEqual([report]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('purge failed');
  });

  it('positive control: the same window, unbroken, purges and reports nothing left', async () => {
    const { win } = breakable();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.cookie = 'mtc_id=7; path=/';
    const report = await createConsent({ mauticUrl: 'https://m.shop.test', window: win }).revokeAndPurge();
    expect(report.deleted.map((i) => i.name)).toContain('mtc_id');
    expect(report.unreachable.filter((i) => i.name === '*')).toEqual([]);
  });
});
