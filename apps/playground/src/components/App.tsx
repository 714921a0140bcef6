import { useCallback, useState } from 'preact/hooks';
import { type OpenedRecord, openRecord } from '../files/open-record.js';
import { BackendPanel } from './BackendPanel.js';
import { EcgViewer } from './EcgViewer.js';
import { FileOpener } from './FileOpener.js';
import { PrivacyNote } from './PrivacyNote.js';
import { RecordSummary } from './RecordSummary.js';

/** The page: privacy note, file opening, the open record on ECG paper, and the compute backend. */
export function App() {
  const [opened, setOpened] = useState<OpenedRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = useCallback(async (files: File[]) => {
    setBusy(true);
    setError(null);
    try {
      setOpened(await openRecord(files));
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      setBusy(false);
    }
  }, []);

  return (
    <main>
      <header>
        <h1>EnECG playground</h1>
        <PrivacyNote />
      </header>
      <FileOpener busy={busy} onFiles={open} />
      {error !== null && (
        <p class="error" role="alert" data-testid="open-error">
          {error}
        </p>
      )}
      {opened !== null && (
        <>
          <RecordSummary record={opened.record} />
          {opened.notes.length > 0 && (
            <ul class="note" data-testid="record-notes">
              {opened.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <EcgViewer key={opened.record} record={opened.record} />
        </>
      )}
      <BackendPanel />
    </main>
  );
}
