import type { ConsentInstance } from '../core/instance.js';
import { linkOf } from '../core/link.js';
import type { ChoiceSource, PageviewCallbacks, PageviewFields, Win } from '../types.js';
import { DEFAULT_TRACKING_OBJECT, EVENT_QUEUED } from '../core/constants.js';
import { FULL_TEXT, notInstance } from '../core/log.js';

type QueueFunction = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown> & { push?: unknown } };
type LoaderWindow = Win & { MauticTrackingObject?: unknown } & Record<string, unknown>;

/** `mt('consent', …)` commands: `dnc` is the unsubscribe page's do-not-contact turned do-not-track. */
const DECISIONS: Record<string, ['grant' | 'deny', ChoiceSource]> = {
  grant: ['grant', 'api'],
  deny: ['deny', 'api'],
  revoke: ['deny', 'api'],
  dnc: ['deny', 'dnc'],
};

/**
 * Takes over the queue of Mautic's loader snippet: replays the commands queued
 * before the SDK loaded, then handles each later `mt(...)` as it is pushed, dispatching
 * `eventAddedToMauticQueue` as mtc.js does. The snippet's own function stays in place, so pages
 * that kept a reference to it keep working. The script-tag build does this by itself.
 * @example
 * const consent = createConsent({ mauticUrl: 'https://m.example.com' });
 * bindLoaderQueue(consent, window); // mt('send', 'pageview') now goes through consent
 */
export function bindLoaderQueue(instance: ConsentInstance, win: Window): void {
  const w = win as LoaderWindow;
  const link = linkOf(instance);
  if (!link) {
    notInstance('bindLoaderQueue');
    return;
  }
  const { warn } = link;
  const name = typeof w.MauticTrackingObject === 'string' && w.MauticTrackingObject ? w.MauticTrackingObject : DEFAULT_TRACKING_OBJECT;
  let fn = w[name] as QueueFunction | undefined;
  if (typeof fn !== 'function') {
    fn = function (...args: unknown[]) {
      (fn!.q as unknown[]).push(args);
    };
    w[name] = fn;
  }
  const unreadable = () => warn('queue', FULL_TEXT ? `${name}() command unreadable; ignored.` : `${name}() unreadable`, 'w-command');
  let earlier: unknown[] = [];
  try {
    // The snippet's queue is the page's: one whose length throws, or is no array's, is unreadable.
    earlier = Array.from(fn.q ?? []);
  } catch {
    unreadable();
  }

  const run = (command: unknown) => {
    try {
      const args = Array.from(command as ArrayLike<unknown>);
      if (args[0] === 'send' && args[1] === 'pageview') return link.track(args[2] as PageviewFields | undefined, args[3] as PageviewCallbacks | undefined, args);
      const decision = args[0] === 'consent' && typeof args[1] === 'string' && DECISIONS[args[1]];
      if (decision) return void instance[decision[0]]({ source: decision[1] });
      warn(`command:${args[0]}`, FULL_TEXT ? `${name}(${JSON.stringify(args[0])}, …) is unknown; ignored.` : `${name}(${JSON.stringify(args[0])}) unknown`, 'w-command');
    } catch {
      unreadable();
    }
  };

  const queue: unknown[] = [];
  Object.defineProperty(queue, 'push', {
    value(...commands: unknown[]) {
      for (const command of commands) {
        try {
          w.document.dispatchEvent(new w.CustomEvent(EVENT_QUEUED, { detail: command }));
        } catch {
          // The event is a courtesy; the command still runs.
        }
        run(command);
      }
      return 0;
    },
  });
  fn.q = queue;
  earlier.forEach(run);
}
