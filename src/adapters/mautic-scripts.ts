import type { ConsentInstance } from '../core/instance.js';
import { toolLink, type AdapterOptions, type StopFollowing } from './adapter.js';

/**
 * Follows Mautic 7.2's own consent-managed setup, where the site's consent tool loads
 * `mautic-tracking.js` after consent: its `mautic:tracking-enabled` document event, or
 * `MauticJS.trackingEnabled === true` already set, means the visitor consented. Those scripts
 * signal only a grant, on every page, so this adapter never denies, and its grant is never the
 * visitor's own action: it does not override GPC/DNT. `category` is not used.
 */
export function followMauticScripts(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ MauticJS?: { trackingEnabled?: boolean } }>(instance, options, 'followMauticScripts');
  if (!tool) return () => {};
  const { answer, win } = tool;
  const grant = () => answer(true, false);
  win.document.addEventListener('mautic:tracking-enabled', grant);
  if (win.MauticJS?.trackingEnabled === true) grant();
  return () => win.document.removeEventListener('mautic:tracking-enabled', grant);
}
