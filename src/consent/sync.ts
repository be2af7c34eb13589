import type { ChoiceSource, Win } from '../types.js';
import { SOURCES } from './record.js';

/** A decision another tab of the same site made, under the revision of its page. */
interface RemoteDecision {
  readonly type: 'grant' | 'deny';
  readonly source: ChoiceSource;
  /** Missing in a message from an SDK that did not send it. */
  readonly revision: number | undefined;
}

interface Sync {
  /** Tells the other tabs about a decision made here. */
  post(decision: RemoteDecision): void;
  close(): void;
}

const CHANNEL = 'mautic-consent';

/**
 * Keeps the open tabs of a site in step without storing anything of its own: a BroadcastChannel
 * (same origin) carries each decision at once, and a tab that becomes visible again re-reads the
 * consent record cookie (`onVisible`), which also covers sibling subdomains sharing the record
 * through `cookieDomain` and browsers without BroadcastChannel.
 */
export function createSync(win: Win, onRemote: (decision: RemoteDecision) => void, onVisible: () => void): Sync {
  let channel: BroadcastChannel | undefined;
  try {
    channel = new win.BroadcastChannel(CHANNEL);
    channel.onmessage = (event) => {
      const d = event.data as Partial<RemoteDecision> | null;
      if (d && (d.type === 'grant' || d.type === 'deny') && SOURCES.includes(d.source as ChoiceSource)) {
        onRemote({ type: d.type, source: d.source as ChoiceSource, revision: Number.isSafeInteger(d.revision) ? d.revision : undefined });
      }
    };
  } catch {
    // No BroadcastChannel (or a sandboxed frame): the visibility check still syncs.
  }
  const visible = () => {
    if (win.document.visibilityState === 'visible') onVisible();
  };
  win.document.addEventListener('visibilitychange', visible);
  return {
    post(decision) {
      try {
        channel?.postMessage(decision);
      } catch {
        // A closed channel: the other tabs catch up when they become visible.
      }
    },
    close() {
      channel?.close();
      win.document.removeEventListener('visibilitychange', visible);
    },
  };
}
