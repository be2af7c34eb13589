export { createConsent } from './create.js';
export type { ConsentInstance, DecisionOptions } from './create.js';
export { bindLoaderQueue } from './loader.js';
export { bindActions } from './actions.js';
export { bindEmbeds } from './embeds/embeds.js';
export { bindDataLayer } from './datalayer.js';
export type { DataLayerOptions } from './datalayer.js';
export type { ConsentReceipt } from './consent-log.js';
export { followTcf, followCookieConsent, followKlaro, followCookiebot, followOneTrust, followMauticScripts } from './adapters/index.js';
export type { AdapterOptions, StopFollowing } from './adapters/index.js';
export { createBanner } from './banner/banner.js';
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
