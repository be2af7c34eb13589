// Shows the consent state in the example pages' <output id="state">. The SDK loads async, so this
// waits for it, then follows its `change` events.
(function () {
  function show(s) { document.getElementById('state').textContent = s.tracking + ' (' + s.source + ')'; }
  var wait = setInterval(function () {
    var consent = window.MauticConsent;
    if (!consent || !consent.state) return;
    clearInterval(wait);
    show(consent.state());
    consent.on('change', show);
  }, 50);
})();
