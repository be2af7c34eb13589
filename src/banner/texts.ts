/** Every string the banner shows. Overrides are plain text, never HTML. */
export interface BannerTexts {
  /** Heading of the banner. */
  title: string;
  /** What tracking does and that nothing happens without consent. */
  body: string;
  /** Text of the link to the privacy policy (shown only with `privacyUrl`). */
  privacy: string;
  accept: string;
  reject: string;
  /** The button that opens the preferences view. */
  preferences: string;
  /** Heading of the preferences view. */
  preferencesTitle: string;
  /** Introduction of the preferences view. */
  preferencesBody: string;
  save: string;
  close: string;
  trackingLabel: string;
  trackingDescription: string;
  essentialLabel: string;
  essentialDescription: string;
  /** Shown in place of a switch beside the essential purpose. */
  alwaysOn: string;
}

/** Per-language overrides, keyed by primary language subtag (`en`, `de`, `nl`, …). */
export type BannerTextOverrides = Readonly<Record<string, Partial<BannerTexts>>>;

const EN: BannerTexts = {
  title: 'Cookies and tracking',
  body: 'With your permission, we record which pages you visit and recognise you when you come back, so we can show you more relevant content. Nothing is tracked unless you accept. You can change your mind at any time under Preferences.',
  privacy: 'Privacy policy',
  accept: 'Accept',
  reject: 'Reject',
  preferences: 'Preferences',
  preferencesTitle: 'Privacy preferences',
  preferencesBody: 'Choose what this website may do. Your choice applies to this browser.',
  save: 'Save choices',
  close: 'Close',
  trackingLabel: 'Tracking',
  trackingDescription: 'Records the pages you visit, recognises you on later visits and shows content tailored to you.',
  essentialLabel: 'Essential',
  essentialDescription: 'Needed for the website to work and to remember your choice.',
  alwaysOn: 'Always on',
};

const DE: BannerTexts = {
  title: 'Cookies und Tracking',
  body: 'Mit Ihrer Erlaubnis erfassen wir, welche Seiten Sie besuchen, und erkennen Sie bei späteren Besuchen wieder, um Ihnen passendere Inhalte zu zeigen. Ohne Ihre Zustimmung wird nichts erfasst. Sie können Ihre Wahl jederzeit unter „Einstellungen“ ändern.',
  privacy: 'Datenschutzerklärung',
  accept: 'Akzeptieren',
  reject: 'Ablehnen',
  preferences: 'Einstellungen',
  preferencesTitle: 'Datenschutz-Einstellungen',
  preferencesBody: 'Legen Sie fest, was diese Website darf. Ihre Wahl gilt für diesen Browser.',
  save: 'Auswahl speichern',
  close: 'Schließen',
  trackingLabel: 'Tracking',
  trackingDescription: 'Erfasst die besuchten Seiten, erkennt Sie bei späteren Besuchen wieder und zeigt auf Sie zugeschnittene Inhalte.',
  essentialLabel: 'Notwendig',
  essentialDescription: 'Für den Betrieb der Website und zum Speichern Ihrer Wahl erforderlich.',
  alwaysOn: 'Immer aktiv',
};

const FR: BannerTexts = {
  title: 'Cookies et suivi',
  body: 'Avec votre accord, nous enregistrons les pages que vous consultez et vous reconnaissons lors de vos prochaines visites, afin de vous proposer des contenus plus pertinents. Rien n’est suivi sans votre accord. Vous pouvez changer d’avis à tout moment dans « Préférences ».',
  privacy: 'Politique de confidentialité',
  accept: 'Accepter',
  reject: 'Refuser',
  preferences: 'Préférences',
  preferencesTitle: 'Préférences de confidentialité',
  preferencesBody: 'Choisissez ce que ce site peut faire. Votre choix s’applique à ce navigateur.',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  trackingLabel: 'Suivi',
  trackingDescription: 'Enregistre les pages consultées, vous reconnaît lors de vos prochaines visites et affiche des contenus adaptés.',
  essentialLabel: 'Essentiels',
  essentialDescription: 'Nécessaires au fonctionnement du site et à la mémorisation de votre choix.',
  alwaysOn: 'Toujours actifs',
};

/** Built-in texts by primary language subtag. */
export const BANNER_TEXTS: Readonly<Record<string, BannerTexts>> = Object.freeze({ en: EN, de: DE, fr: FR });

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** `de-CH` → `de`; anything unusable → `''`. */
const primary = (tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '');

/**
 * Picks the language and merges the texts: English, then the built-in language, then the site's
 * overrides for it. A language with neither built-in texts nor overrides falls back to English,
 * so the `lang` attribute the dialog gets always matches what it says.
 */
export function resolveTexts(lang: unknown, overrides: BannerTextOverrides | undefined): { lang: string; texts: BannerTexts } {
  const wanted = primary(lang);
  const own = overridesFor(wanted, overrides);
  if (has(BANNER_TEXTS, wanted) || own) return { lang: wanted, texts: { ...EN, ...BANNER_TEXTS[wanted], ...own } };
  return { lang: 'en', texts: { ...EN, ...overridesFor('en', overrides) } };
}

/** The site's texts for one language, keeping only known keys with string values. */
function overridesFor(lang: string, overrides: BannerTextOverrides | undefined): Partial<BannerTexts> | undefined {
  if (!lang || !overrides || typeof overrides !== 'object') return undefined;
  let own: Partial<BannerTexts> | undefined;
  for (const [key, value] of Object.entries(overrides)) {
    if (primary(key) !== lang || !value || typeof value !== 'object') continue;
    for (const [name, text] of Object.entries(value)) {
      // A typo or a number must not blank a button.
      if (has(EN, name) && typeof text === 'string') (own ??= {})[name as keyof BannerTexts] = text;
    }
  }
  return own;
}
