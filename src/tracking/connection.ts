import type { MauticResponse } from '../types.js';
import type { Link } from '../core/link.js';
import { createTransport, type Params, type Transport } from './transport.js';
import { createIdentity } from './identity.js';
import { pageviewParamsNow, takePageview } from './pageview.js';

/** How a bundle talks to Mautic for an instance. */
export interface Connection {
  /** This bundle's network exit to Mautic; its requests in flight are aborted when tracking is denied. */
  readonly transport: Transport;
  /** The device id Mautic gave this browser, when one may be sent (never in kiosk mode). */
  deviceId(): string | undefined;
  /** Keeps Mautic's answer first-party, as mtc.js does, when tracking is granted. */
  remember(response: MauticResponse): void;
  /** The pageview fields of the page as it is now, for requests that carry them (dynamic content). */
  pageParams(): Params;
}

const connections = new WeakMap<Link, Connection>();

/**
 * The connection of `link` in this bundle, made the first time it is asked for. Only the bundles
 * that talk to Mautic carry this code: the tracking script (pageviews, once tracking is granted),
 * the embeds script (forms before consent) and the ESM build, where both share one. The core
 * script has none: before a grant it has nothing to send.
 */
export function connectionOf(link: Link): Connection {
  let connection = connections.get(link);
  if (!connection) {
    const { win, config, store, granted } = link;
    const transport = createTransport(config.mauticUrl, granted, win?.fetch?.bind(win));
    link.onDrop(transport.abort);
    const identity = createIdentity(store, config.kiosk, config.cookieDomain, granted);
    connection = {
      transport,
      deviceId: identity.deviceId,
      remember: identity.remember,
      pageParams: () =>
        win ? pageviewParamsNow(takePageview(win), win, { counter: link.counter(), device: identity.deviceId(), landing: undefined, anonymous: config.kiosk }) : {},
    };
    connections.set(link, connection);
  }
  return connection;
}
