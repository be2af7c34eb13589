export { createConsent, createBanner } from './entries/esm.js';
export type { ConsentInstance, DecisionOptions } from './core/instance.js';
export { bindLoaderQueue } from './page/loader.js';
export { bindActions } from './page/actions.js';
export { bindEmbeds } from './embeds/embeds.js';
export { bindDataLayer } from './page/datalayer.js';
export type { DataLayerOptions } from './page/datalayer.js';
export type { ConsentReceipt } from './consent/receipt.js';
export { followTcf, followCookieConsent, followKlaro, followCookiebot, followOneTrust, followMauticScripts } from './adapters/index.js';
export type { AdapterOptions, StopFollowing } from './adapters/index.js';
export type { Banner, BannerOptions, BannerView, BannerTexts, BannerTextOverrides } from './banner/banner.js';
export type {
  ChoiceSource,
  ConsentEvents,
  ConsentOptions,
  ConsentRecord,
  ConsentSnapshot,
  ConsentSource,
  DeliveredDetail,
  MauticResponse,
  PageviewCallbacks,
  PageviewFields,
  PurgeItem,
  PurgeReport,
  Signals,
  TrackingState,
} from './types.js';
