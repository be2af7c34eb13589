import type { ConsentInstance } from '../core/instance.js';
import { readCategory, toolLink, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface OneTrustApi {
  IsAlertBoxClosed(): boolean;
  OnConsentChanged(callback: () => void): void;
}

/**
 * Follows OneTrust, whenever it loads: once the visitor has answered (`OneTrust.IsAlertBoxClosed()`),
 * tracking is granted while the group `category` is in `window.OnetrustActiveGroups` (a list like
 * `,C0001,C0004,`). It reads at start and on the `OneTrustGroupsUpdated` window event (the stored
 * choice, on each load), and on `OneTrust.OnConsentChanged` (the visitor's own change). Where
 * OneTrust never asks (implied-consent and notice-only regions) the banner stays open and there is
 * no decision, unless `implied`. `category` is required, because group ids differ per account:
 * the group that covers Mautic's identified tracking, usually Targeting (`C0004`).
 */
export function followOneTrust(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ OneTrust?: OneTrustApi; OnetrustActiveGroups?: string }>(instance, options, 'followOneTrust');
  if (!tool) return () => {};
  const { answer, warn, win } = tool;
  const group = readCategory(options, undefined, (c) => /^[\w-]+$/.test(c), warn,
    "a OneTrust group id: OneTrust needs data-cmp-category, the group that covers Mautic's tracking (often C0004, Targeting; ids differ per account, see Cookie Consent > Categorizations > Categories)");
  if (!group) return () => {};
  let active = true;
  const decide = (action: boolean) => {
    const api = win.OneTrust;
    if (!active || typeof api?.IsAlertBoxClosed !== 'function') return;
    const closed = api.IsAlertBoxClosed() === true;
    if (!closed && !options.implied) return answer(null, false);
    answer(String(win.OnetrustActiveGroups ?? '').split(',').includes(group), action && closed);
  };
  const loaded = () => decide(false);
  win.addEventListener('OneTrustGroupsUpdated', loaded);
  const stopWaiting = whenPresent(win, () => (typeof win.OneTrust?.OnConsentChanged === 'function' ? win.OneTrust : undefined), (api) => {
    // OneTrust offers no way to remove this callback, so it is switched off instead.
    api.OnConsentChanged(() => decide(true));
    decide(false);
  });
  return () => {
    active = false;
    stopWaiting();
    win.removeEventListener('OneTrustGroupsUpdated', loaded);
  };
}
