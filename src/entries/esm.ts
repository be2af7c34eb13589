/** The ESM build's factory: the one place it reads the global `window`, as the default. */
import type { ConsentOptions, Win } from '../types.js';
import type { ConsentInstance } from '../core/instance.js';
import { createInstance } from '../core/instance.js';
import { createWarn } from '../core/log.js';
import { normalizeOptions } from '../core/options.js';
import { countInstance } from './instances.js';

/**
 * Creates a consent-gated Mautic tracker. Nothing is stored or sent until tracking is granted;
 * GPC and Do Not Track start it as denied.
 * @example
 * import { createConsent } from 'mautic-consent';
 * const consent = createConsent({ mauticUrl: 'https://m.example.com' });
 * consent.track();
 * @param options What to talk to and how; see `ConsentOptions`.
 * @returns The instance.
 */
export function createConsent(options: ConsentOptions): ConsentInstance {
  const win = (options?.window ?? (typeof window === 'undefined' ? undefined : window)) as Win | undefined;
  const warn = createWarn(win?.console);
  countInstance(win, warn);
  return createInstance(win, normalizeOptions(options ?? {}, win?.location, warn), warn);
}

