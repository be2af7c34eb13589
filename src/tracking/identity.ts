import type { MauticResponse } from '../types.js';
import type { Store } from '../storage/store.js';
import { CONTACT_KEY, DEVICE_KEY } from '../core/constants.js';

/** Device ids are 23 characters of `[0-9a-z]`; accept a little more, never junk. */
const DEVICE_ID = /^[0-9a-z]{8,64}$/i;
const CONTACT_ID = /^\d{1,20}$/;

/** The identity Mautic gave this browser, kept where mtc.js keeps it: cookies and localStorage of the website. */
export interface Identity {
  /** The device id, when there is a valid one and it may be sent (never in kiosk mode). */
  deviceId(): string | undefined;
  /** Keeps Mautic's answer (contact and device id), when `allowed()`. */
  remember(response: MauticResponse): void;
}

export function createIdentity(store: Store, anonymous: boolean, cookieDomain: string | undefined, allowed: () => boolean): Identity {
  return {
    deviceId() {
      if (anonymous) return undefined;
      const stored = store.local.get(DEVICE_KEY);
      const id = stored && DEVICE_ID.test(stored) ? stored : store.cookie(DEVICE_KEY);
      return id && DEVICE_ID.test(id) ? id : undefined;
    },
    remember(response) {
      const contact = String(response.id ?? '');
      const device = String(response.device_id ?? '');
      if (anonymous || !allowed() || !CONTACT_ID.test(contact) || !DEVICE_ID.test(device)) return;
      for (const [key, value] of [[CONTACT_KEY, contact], [DEVICE_KEY, device]]) {
        store.setCookie(key, value, { domain: cookieDomain });
        store.local.set(key, value);
      }
    },
  };
}
