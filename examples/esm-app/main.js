// An app bundle that imports the SDK by its package name, as any bundler-built site would.
import { createConsent, bindActions, bindEmbeds } from 'mautic-consent';

const mauticUrl = document.querySelector('meta[name="mautic-url"]').content;
const consent = createConsent({ mauticUrl });
window.MauticConsent = consent;
bindActions(consent, document);
bindEmbeds(consent, document);

// A single-page app sends a pageview per route change.
const render = () => {
  document.getElementById('route').textContent = location.hash || '#home';
  consent.track({ page_title: `App ${location.hash || '#home'}` });
};
addEventListener('hashchange', render);
render();

consent.on('change', (s) => {
  document.getElementById('state').textContent = `${s.tracking} (${s.source})`;
});
document.getElementById('state').textContent = consent.state().tracking;
