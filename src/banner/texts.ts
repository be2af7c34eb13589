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
  /** The built-in control that reopens the preferences after the banner is gone. */
  settings: string;
  /** Announced (polite live region) after the visitor accepted in the banner. */
  accepted: string;
  /** Announced after the visitor rejected in the banner. */
  rejected: string;
}

/** Per-language overrides, keyed by primary language subtag (`en`, `de`, `nl`, …). */
export type BannerTextOverrides = Readonly<Record<string, Partial<BannerTexts>>>;

const EN: BannerTexts = {
  title: 'Cookies and tracking',
  body: 'With your permission, we record which pages you visit and recognise you when you come back, so we can show you more relevant content. Nothing is tracked unless you accept. You can change your choice at any time in the privacy settings.',
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
  settings: 'Privacy settings',
  accepted: 'Your choice is saved: tracking allowed.',
  rejected: 'Your choice is saved: no tracking.',
};

const DE: BannerTexts = {
  title: 'Cookies und Tracking',
  body: 'Mit Ihrer Erlaubnis erfassen wir, welche Seiten Sie besuchen, und erkennen Sie bei späteren Besuchen wieder, um Ihnen passendere Inhalte zu zeigen. Ohne Ihre Zustimmung wird nichts erfasst. Sie können Ihre Wahl jederzeit in den Datenschutz-Einstellungen ändern.',
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
  settings: 'Datenschutz-Einstellungen',
  accepted: 'Ihre Wahl ist gespeichert: Tracking erlaubt.',
  rejected: 'Ihre Wahl ist gespeichert: kein Tracking.',
};

const FR: BannerTexts = {
  title: 'Cookies et suivi',
  body: 'Avec votre accord, nous enregistrons les pages que vous consultez et vous reconnaissons lors de vos prochaines visites, afin de vous proposer des contenus plus pertinents. Rien n’est suivi sans votre accord. Vous pouvez modifier votre choix à tout moment dans les paramètres de confidentialité.',
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
  settings: 'Paramètres de confidentialité',
  accepted: 'Votre choix est enregistré\u00a0: suivi autorisé.',
  rejected: 'Votre choix est enregistré\u00a0: aucun suivi.',
};

const ES: BannerTexts = {
  title: 'Cookies y seguimiento',
  body: 'Con su permiso, registramos qué páginas visita y le reconocemos cuando vuelve, para mostrarle contenidos más relevantes. No se registra nada si no lo acepta. Puede cambiar su elección en cualquier momento en la configuración de privacidad.',
  privacy: 'Política de privacidad',
  accept: 'Aceptar',
  reject: 'Rechazar',
  preferences: 'Preferencias',
  preferencesTitle: 'Preferencias de privacidad',
  preferencesBody: 'Elija qué puede hacer este sitio web. Su elección se aplica a este navegador.',
  save: 'Guardar selección',
  close: 'Cerrar',
  trackingLabel: 'Seguimiento',
  trackingDescription: 'Registra las páginas que visita, le reconoce en visitas posteriores y muestra contenidos adaptados a usted.',
  essentialLabel: 'Esenciales',
  essentialDescription: 'Necesarias para que el sitio web funcione y para recordar su elección.',
  alwaysOn: 'Siempre activas',
  settings: 'Configuración de privacidad',
  accepted: 'Su elección se ha guardado: seguimiento permitido.',
  rejected: 'Su elección se ha guardado: sin seguimiento.',
};

const IT: BannerTexts = {
  title: 'Cookie e tracciamento',
  body: 'Con il tuo consenso registriamo quali pagine visiti e ti riconosciamo quando torni, per mostrarti contenuti più pertinenti. Senza il tuo consenso non registriamo nulla. Puoi cambiare la tua scelta in qualsiasi momento nelle impostazioni della privacy.',
  privacy: 'Informativa sulla privacy',
  accept: 'Accetta',
  reject: 'Rifiuta',
  preferences: 'Preferenze',
  preferencesTitle: 'Preferenze sulla privacy',
  preferencesBody: 'Scegli cosa può fare questo sito. La tua scelta vale per questo browser.',
  save: 'Salva le scelte',
  close: 'Chiudi',
  trackingLabel: 'Tracciamento',
  trackingDescription: 'Registra le pagine che visiti, ti riconosce nelle visite successive e mostra contenuti pensati per te.',
  essentialLabel: 'Essenziali',
  essentialDescription: 'Necessari per il funzionamento del sito e per ricordare la tua scelta.',
  alwaysOn: 'Sempre attivi',
  settings: 'Impostazioni privacy',
  accepted: 'Scelta salvata: tracciamento consentito.',
  rejected: 'Scelta salvata: nessun tracciamento.',
};

const NL: BannerTexts = {
  title: 'Cookies en tracking',
  body: 'Met uw toestemming houden we bij welke pagina’s u bezoekt en herkennen we u bij een volgend bezoek, zodat we u relevantere inhoud kunnen tonen. Zonder uw toestemming wordt er niets bijgehouden. U kunt uw keuze altijd wijzigen in de privacyinstellingen.',
  privacy: 'Privacyverklaring',
  accept: 'Accepteren',
  reject: 'Weigeren',
  preferences: 'Voorkeuren',
  preferencesTitle: 'Privacyvoorkeuren',
  preferencesBody: 'Kies wat deze website mag doen. Uw keuze geldt voor deze browser.',
  save: 'Keuze opslaan',
  close: 'Sluiten',
  trackingLabel: 'Tracking',
  trackingDescription: 'Houdt bij welke pagina’s u bezoekt, herkent u bij volgende bezoeken en toont inhoud die op u is afgestemd.',
  essentialLabel: 'Noodzakelijk',
  essentialDescription: 'Nodig om de website te laten werken en om uw keuze te onthouden.',
  alwaysOn: 'Altijd aan',
  settings: 'Privacyinstellingen',
  accepted: 'Uw keuze is opgeslagen: tracking toegestaan.',
  rejected: 'Uw keuze is opgeslagen: geen tracking.',
};

/** Built-in texts by primary language subtag. */
export const BANNER_TEXTS: Readonly<Record<string, BannerTexts>> = Object.freeze({ en: EN, de: DE, fr: FR, es: ES, it: IT, nl: NL });

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** `de-CH` → `de`; anything unusable → `''`. */
const primary = (tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '');

/**
 * Picks the language and merges the texts: English, then the built-in language, then the site's
 * overrides for it. A language with neither built-in texts nor overrides falls back to English,
 * so the `lang` attribute the dialog gets always matches what it says; `missing` then names the
 * language asked for, for the warning.
 */
export function resolveTexts(lang: unknown, overrides: BannerTextOverrides | undefined): { lang: string; texts: BannerTexts; missing?: string } {
  const wanted = primary(lang);
  const own = overridesFor(wanted, overrides);
  if (has(BANNER_TEXTS, wanted) || own) return { lang: wanted, texts: { ...EN, ...BANNER_TEXTS[wanted], ...own } };
  return { lang: 'en', texts: { ...EN, ...overridesFor('en', overrides) }, missing: wanted || undefined };
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
