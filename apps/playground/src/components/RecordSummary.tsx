import type { EcgRecord } from '@enecg/ecg-io';

/** One line about the open record: name, signals, sampling rate and duration. */
export function RecordSummary({ record }: { record: EcgRecord }) {
  const seconds = record.length / record.samplingFrequency;
  return (
    <p class="record-summary" data-testid="record-summary">
      Record <strong>{record.name}</strong>: {record.signals.length} signal
      {record.signals.length === 1 ? '' : 's'} ({record.signals.map((signal) => signal.name).join(', ')}),{' '}
      {record.samplingFrequency} Hz, {seconds.toFixed(1)} s.
    </p>
  );
}
