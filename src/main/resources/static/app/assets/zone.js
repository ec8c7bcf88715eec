// Tells the console the browser's time zone (a cookie the server reads), so every page shows times in the
// reader's own zone unless they chose one on their settings page. The login page sets it before any time is shown.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = 'consentflow-zone=' + encodeURIComponent(zone) + '; path=/app; max-age=31536000; SameSite=Lax';
    }
  } catch (ignored) {
    // An old browser without Intl: times stay in UTC, and say so.
  }
})();
