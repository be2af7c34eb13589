import type { ConsentInstance } from '../create.js';
import { applyDecision, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface OneTrustApi {
  IsAlertBoxClosed(): boolean;
  OnConsentChanged(callback: () => void): void;
}

/**
 * Follows OneTrust: once the visitor has answered (`OneTrust.IsAlertBoxClosed()`), tracking is
 * granted when the group `category` is in `window.OnetrustActiveGroups` (a list like
 * `,C0001,C0002,`), at start, on `OneTrust.OnConsentChanged` and on the `OneTrustGroupsUpdated`
 * window event. `category` defaults to `'C0002'` (performance cookies).
 */
export function followOneTrust(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const win = (options.window ?? window) as Window & { OneTrust?: OneTrustApi; OnetrustActiveGroups?: string };
  const group = options.category ?? 'C0002';
  let active = true;
  const decide = () => {
    if (active && win.OneTrust?.IsAlertBoxClosed()) {
      applyDecision(instance, (win.OnetrustActiveGroups ?? '').split(',').includes(group));
    }
  };
  win.addEventListener('OneTrustGroupsUpdated', decide);
  const stopWaiting = whenPresent(win, () => win.OneTrust, (api) => {
    // OneTrust offers no way to remove this callback, so it is switched off instead.
    api.OnConsentChanged(decide);
    decide();
  });
  return () => {
    active = false;
    stopWaiting();
    win.removeEventListener('OneTrustGroupsUpdated', decide);
  };
}
