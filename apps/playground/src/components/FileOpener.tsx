import { useEffect } from 'preact/hooks';

interface FileOpenerProps {
  busy: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * File picker plus drag-and-drop: files dropped anywhere on the page are opened (and the browser does not
 * navigate away to show them). Several files can be opened at once, e.g. a .hea with its .dat files.
 */
export function FileOpener({ busy, onFiles }: FileOpenerProps) {
  useEffect(() => {
    const allowDrop = (event: DragEvent) => event.preventDefault();
    const drop = (event: DragEvent) => {
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) onFiles(files);
    };
    window.addEventListener('dragover', allowDrop);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', allowDrop);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);

  return (
    <section class="file-opener" aria-busy={busy}>
      <label class="drop-zone">
        <span>
          Drop ECG files anywhere on the page, or <u>choose files</u>: a WFDB record (its .hea file together
          with its .dat files) or an EDF/BDF file.
        </span>
        <input
          type="file"
          multiple
          data-testid="file-input"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const files = [...(input.files ?? [])];
            // Clear the input so opening the same files again still fires `change`.
            input.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </label>
    </section>
  );
}
