import type { EcgRecord } from '@enecg/ecg-io';
import { useMemo, useState } from 'preact/hooks';
import { displaySignals } from '../viewer/display-signals.js';
import { STANDARD_PAPER } from '../viewer/paper-scale.js';
import { EcgPaper } from './EcgPaper.js';
import { LeadPicker } from './LeadPicker.js';
import { PaperControls } from './PaperControls.js';

/** A record on ECG paper with lead selection and zoom. Mount with `key={record}` to reset per record. */
export function EcgViewer({ record }: { record: EcgRecord }) {
  const { shown, hidden } = useMemo(() => displaySignals(record), [record]);
  const [selected, setSelected] = useState<Set<number>>(() => new Set(shown.map((signal) => signal.index)));
  const [scale, setScale] = useState(STANDARD_PAPER);
  const visible = shown.filter((signal) => selected.has(signal.index));

  return (
    <section class="ecg-viewer">
      <div class="viewer-controls">
        <LeadPicker signals={shown} selected={selected} onChange={setSelected} />
        <PaperControls scale={scale} onChange={setScale} />
      </div>
      {hidden.length > 0 && (
        <p class="note">
          Not plotted: {hidden.map((signal) => `${signal.name} (${signal.reason})`).join('; ')}.
        </p>
      )}
      {visible.length > 0 ? (
        <EcgPaper
          signals={visible}
          samplingFrequency={record.samplingFrequency}
          durationS={record.length / record.samplingFrequency}
          scale={scale}
        />
      ) : (
        <p class="note">{shown.length === 0 ? 'This record has no signals to plot.' : 'No lead selected.'}</p>
      )}
    </section>
  );
}
