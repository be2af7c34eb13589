import type { ConsentInstance } from '../core/instance.js';
import { readCategory, toolLink, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface TCData {
  gdprApplies?: boolean;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean> };
  publisher?: { consents?: Record<string, boolean> };
}
type TcfApi = (command: string, version: number, callback: (data: TCData, success: boolean) => void, parameter?: unknown) => void;

/**
 * Follows any IAB TCF v2.2 consent tool, read-only, through `__tcfapi('addEventListener', 2, …)`,
 * whenever it loads. It reads the **publisher's** own purpose consents (the Publisher TC segment,
 * `publisher.consents`), because the site runs Mautic for itself and Mautic is no registered
 * vendor: there is no vendor check, and the vendor-facing `purpose.consents` are not used. Tracking
 * is granted when every purpose in `category` has the publisher's consent, once the choice is
 * known (`tcloaded`, the stored choice) or made (`useractioncomplete`, the visitor's action).
 * `category` is a comma-separated list of TCF purpose ids (1 to 11); defaults to `'1,5,6'`: store
 * and/or access information on a device (Mautic's identifiers), create a profile to personalise
 * content (the contact's page history), use it to select personalised content (dynamic content,
 * focus items, segments). Where GDPR does not apply (`gdprApplies: false`) the tool gives no
 * decision, unless `implied`, which counts it as a yes.
 */
export function followTcf(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ __tcfapi?: TcfApi }>(instance, options, 'followTcf');
  if (!tool) return () => {};
  const { answer, warn, win } = tool;
  const list = readCategory(options, '1,5,6', (c) => c.split(',').every((p) => /^\s*([1-9]|1[01])\s*$/.test(p)), warn, 'a comma-separated list of TCF purpose ids (1 to 11)');
  if (!list) return () => {};
  const purposes = list.split(',').map((p) => p.trim());
  let listener: number | undefined;
  const stopWaiting = whenPresent(win, () => win.__tcfapi, (api) =>
    api('addEventListener', 2, (data, success) => {
      if (!success || !data) return;
      listener = data.listenerId;
      if (data.gdprApplies === false) return answer(options.implied ? true : null, false);
      if (data.gdprApplies !== true || (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete')) return;
      const consents = data.publisher?.consents ?? {};
      if (!Object.values(consents).includes(true) && Object.values(data.purpose?.consents ?? {}).includes(true)) {
        warn('tcf-publisher', 'the TCF tool gives vendor purpose consents but no publisher consents; configure it to ask for the publisher purposes Mautic needs.');
      }
      answer(purposes.every((p) => consents[p] === true), data.eventStatus === 'useractioncomplete');
    }),
  );
  return () => {
    stopWaiting();
    if (listener !== undefined) win.__tcfapi?.('removeEventListener', 2, () => {}, listener);
  };
}
