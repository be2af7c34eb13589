import type { ConsentInstance } from '../create.js';
import { applyDecision, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface KlaroManager {
  confirmed: boolean;
  getConsent(service: string): boolean;
  watch(watcher: { update(manager: KlaroManager, event: string): void }): void;
  unwatch(watcher: unknown): void;
}

/**
 * Follows Klaro (`window.klaro.getManager()`): once the visitor confirmed a choice, the consent of
 * the service named `category` decides, at start and on each `saveConsents`. `category` defaults
 * to `'mautic'`, the service name to give Mautic in the Klaro config.
 */
export function followKlaro(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const win = (options.window ?? window) as Window & { klaro?: { getManager(): KlaroManager } };
  const service = options.category ?? 'mautic';
  let manager: KlaroManager | undefined;
  const watcher = {
    update(m: KlaroManager, event: string) {
      if (event === 'saveConsents' && m.confirmed) applyDecision(instance, m.getConsent(service));
    },
  };
  const stopWaiting = whenPresent(win, () => win.klaro?.getManager(), (m) => {
    manager = m;
    m.watch(watcher);
    if (m.confirmed) applyDecision(instance, m.getConsent(service));
  });
  return () => {
    stopWaiting();
    manager?.unwatch(watcher);
  };
}
