import type { ConsentInstance } from '../core/instance.js';
import { readCategory, toolLink, whenPresent, type AdapterOptions, type StopFollowing } from './adapter.js';

interface KlaroManager {
  confirmed: boolean;
  getConsent(service: string): boolean;
  watch(watcher: KlaroWatcher): void;
  unwatch(watcher: KlaroWatcher): void;
}
interface KlaroWatcher {
  update(manager: KlaroManager, event: string, data?: { type?: string }): void;
}

/**
 * Follows Klaro (`window.klaro.getManager()`, or `options.api` for a Klaro imported as a module),
 * whenever it loads: once the visitor confirmed a choice (`confirmed`), the consent of the service
 * named `category` decides, at start (the stored choice) and on each `saveConsents` the visitor
 * makes. Unconfirmed (never asked, or Klaro forgot) is no decision. `category` defaults to
 * `'mautic'`, the service name to give Mautic in the Klaro config.
 */
export function followKlaro(instance: ConsentInstance, options: AdapterOptions = {}): StopFollowing {
  const tool = toolLink<{ klaro?: { getManager(): KlaroManager } }>(instance, options, 'followKlaro');
  if (!tool) return () => {};
  const { answer, warn, win } = tool;
  const service = readCategory(options, 'mautic', () => true, warn, 'a Klaro service name');
  if (!service) return () => {};
  let manager: KlaroManager | undefined;
  const read = (m: KlaroManager, action: boolean) => answer(m.confirmed ? m.getConsent(service) === true : null, action);
  const watcher: KlaroWatcher = {
    // Klaro marks a save made by page code as type 'script'; every other type is the visitor's.
    update: (m, event, data) => event === 'saveConsents' && read(m, data?.type !== 'script'),
  };
  const stopWaiting = whenPresent(win, () => ((options.api ?? win.klaro) as typeof win.klaro)?.getManager(), (m) => {
    manager = m;
    m.watch(watcher);
    read(m, false);
  });
  return () => {
    stopWaiting();
    manager?.unwatch(watcher);
  };
}
