// The consent tool is the only authority (issue #11): the rules of fromTool() in create.ts, with
// the adapters' inputs made by hand. The browser tests drive the real tools; these pin the rules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsent } from '../../src/entries/esm';
import { linkOf } from '../../src/core/link';
import type { ConsentOptions } from '../../src/types';
import { clearPage, settle } from './support/page';

function make(options: Partial<ConsentOptions> = {}) {
  const sent: string[] = [];
  const fetch = vi.fn(async (url: string) => {
    sent.push(url);
    return new Response(JSON.stringify({ success: 1, id: 7, sid: 'abcdefghij0123456789xyz', device_id: 'abcdefghij0123456789xyz', events: [] }));
  });
  const win = Object.create(window, { fetch: { value: fetch } }) as Window;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const instance = createConsent({ mauticUrl: 'https://m.shop.test', window: win, ...options });
  const tool = (answer: boolean | null, action: boolean) => linkOf(instance)!.fromTool(answer, action);
  return { instance, tool, sent, warn };
}
// On https (the test page's URL) the record is __Host-mautic_consent.
const record = () => document.cookie.split('; ').find((c) => /^(__Host-)?mautic_consent=/.test(c));
const gpc = (on: boolean) => Object.defineProperty(window.navigator, 'globalPrivacyControl', { value: on, configurable: true });
beforeEach(() => {
  clearPage();
  gpc(false);
});
afterEach(() => {
  clearPage();
  gpc(false);
  vi.restoreAllMocks();
});

describe('with cmp, the consent tool is the only authority', () => {
  it('the SDK\'s own granted record never grants: unset, pageviews wait; a replayed yes sends them without a new record', async () => {
    make().instance.grant(); // a record from before the site had a tool (control: it grants without cmp)
    const before = record();
    expect(make().instance.state().tracking).toBe('granted');
    const { instance, tool, sent } = make({ cmp: 'klaro' });
    expect(instance.state()).toMatchObject({ tracking: 'unset', record: { decision: 'granted' } });
    instance.track();
    await settle();
    expect(sent).toEqual([]);
    tool(true, false);
    await settle();
    expect(instance.state()).toMatchObject({ tracking: 'granted', source: 'cmp' });
    expect(sent).toHaveLength(1);
    expect(record()).toBe(before);
  });

  it('no decision in the tool: unset, and a grant() from page code is refused with a warning', async () => {
    const { instance, tool, sent, warn } = make({ cmp: 'cookiebot' });
    instance.track();
    tool(null, false);
    instance.grant();
    await settle();
    expect(instance.state().tracking).toBe('unset');
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('grant() ignored'));
    instance.deny(); // a refusal is always taken
    expect(instance.state().tracking).toBe('denied');
  });

  it('the visitor\'s action is recorded with source cmp; the tool forgetting later is unset, not a purge', () => {
    const { instance, tool } = make({ cmp: 'tcf' });
    tool(true, true);
    expect(instance.state()).toMatchObject({ tracking: 'granted', record: { decision: 'granted', source: 'cmp' } });
    tool(null, false);
    expect(instance.state()).toMatchObject({ tracking: 'unset', source: 'default' });
  });

  it('GPC: a replayed yes does not beat the signal; a yes given in the tool under it does, and then stands on replays', async () => {
    gpc(true);
    const first = make({ cmp: 'onetrust' });
    first.instance.track();
    first.tool(true, false);
    await settle();
    expect(first.instance.state()).toMatchObject({ tracking: 'denied', source: 'gpc' });
    expect(first.sent).toEqual([]);
    expect(record()).toBeUndefined();
    first.tool(true, true); // the visitor says yes in the tool, signal on
    await settle();
    expect(first.instance.state()).toMatchObject({ tracking: 'granted', record: { source: 'cmp', signals: { gpc: true } } });
    const next = make({ cmp: 'onetrust' });
    next.instance.track();
    next.tool(true, false);
    await settle();
    expect(next.instance.state().tracking).toBe('granted');
    expect(next.sent).toHaveLength(1);
  });

  it('an action the tool reports after its own load event is still recorded', () => {
    const { instance, tool } = make({ cmp: 'onetrust' });
    tool(true, false); // OneTrustGroupsUpdated first
    expect(record()).toBeUndefined();
    tool(true, true); // then OnConsentChanged
    expect(instance.state().record).toMatchObject({ decision: 'granted', source: 'cmp' });
  });

  it('a tab shown again takes only a new refusal from the record, not an old one the tool has overruled', () => {
    make().instance.deny(); // an old refusal, from before the site had a tool
    const { instance, tool } = make({ cmp: 'klaro' });
    tool(true, false);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(instance.state().tracking).toBe('granted');
    make().instance.deny(); // a refusal another tab writes now (its clock is the same, so make it later)
    const stored = record()!;
    const name = stored.slice(0, stored.indexOf('='));
    const later = decodeURIComponent(stored.slice(name.length + 1)).replace(/"u":"[^"]+"/, `"u":"${new Date(Date.now() + 60_000).toISOString()}"`);
    document.cookie = `${name}=${encodeURIComponent(later)}; path=/; secure`;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(instance.state().tracking).toBe('denied');
  });
});
