/** The privacy promise, shown on the page. It is enforced by the Content-Security-Policy in index.html. */
export function PrivacyNote() {
  return (
    <p class="privacy-note" data-testid="privacy-note">
      <strong>Your ECG data never leaves this page.</strong> Files are read by your browser and processed
      here; nothing is uploaded. The page’s Content-Security-Policy only lets it talk to its own origin, and
      it loads no external fonts, scripts or CDNs.
    </p>
  );
}
