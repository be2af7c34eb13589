import type { Signals } from '../types.js';

interface SignalSources {
  navigator?: { globalPrivacyControl?: unknown; doNotTrack?: unknown; msDoNotTrack?: unknown };
  doNotTrack?: unknown;
}

const isOn = (value: unknown) => value === '1' || value === 'yes';

/**
 * Reads Global Privacy Control (GPC spec §4: `navigator.globalPrivacyControl` is `true` when the
 * user asked not to be sold or shared) and Do Not Track, which browsers kept on `navigator`,
 * `window` (old Safari, IE 11) or as `navigator.msDoNotTrack` (IE 9–10).
 */
export function readSignals(win: SignalSources | undefined): Signals {
  const nav = win?.navigator;
  try {
    return {
      gpc: nav?.globalPrivacyControl === true,
      dnt: isOn(nav?.doNotTrack) || isOn(win?.doNotTrack) || isOn(nav?.msDoNotTrack),
    };
  } catch {
    // A hostile page can define throwing getters; no signal we can read is no signal.
    return { gpc: false, dnt: false };
  }
}
