import type { ConsentInstance } from '../create.js';
import { applyDecision, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface TCData {
  gdprApplies?: boolean;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
}
type TcfApi = (command: string, version: number, callback: (data: TCData, success: boolean) => void, parameter?: unknown) => void;

/**
 * Follows any IAB TCF v2.2 consent tool, read-only, through `__tcfapi('addEventListener', 2, …)`
 * (TCF CMP API v2.2, "addEventListener"): when the visitor's choice is known (`tcloaded`) or made
 * (`useractioncomplete`), tracking is granted if every purpose in `category` has consent.
 * `category` is a comma-separated list of TCF purpose ids. Defaults to `'1'` (store and/or access
 * information on a device). Where GDPR does not apply the tool gives no decision, and none is made.
 */
export function followTcf(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const win = (options.window ?? window) as Window & { __tcfapi?: TcfApi };
  const purposes = (options.category ?? '1').split(',').map((p) => p.trim()).filter(Boolean);
  let listener: number | undefined;
  const stopWaiting = whenPresent(win, () => win.__tcfapi, (api) =>
    api('addEventListener', 2, (data, success) => {
      if (!success || !data) return;
      listener = data.listenerId;
      if (data.gdprApplies === false || !['tcloaded', 'useractioncomplete'].includes(data.eventStatus ?? '')) return;
      applyDecision(instance, purposes.every((p) => data.purpose?.consents?.[p] === true));
    }),
  );
  return () => {
    stopWaiting();
    if (listener !== undefined) win.__tcfapi?.('removeEventListener', 2, () => {}, listener);
  };
}
