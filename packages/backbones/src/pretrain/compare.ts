import type { ProbeReport, ProbeTaskName } from './probe-suite.js';

/** The probe results of a pretrained backbone and of randomly initialised copies of the same configuration. */
export interface ProbeComparison {
  backbone: string;
  pretrained: ProbeReport;
  /** One report per random initialisation seed. */
  random: ProbeReport[];
}

const HEADLINES: Record<ProbeTaskName, { metrics: string[]; label: string }> = {
  'rr-interval': { metrics: ['mae', 'r2'], label: 'RR interval, MIT-BIH 100 (MAE ms / R²)' },
  'abnormal-beat': {
    metrics: ['auroc', 'balancedAccuracy'],
    label: 'non-N beat, MIT-BIH 100 (AUROC / bal. acc.)',
  },
  'heart-rate-sim': { metrics: ['mae', 'r2'], label: 'heart rate, simulated (MAE bpm / R²)' },
  'rhythm-sim': { metrics: ['auroc', 'balancedAccuracy'], label: 'condition, simulated (AUROC / bal. acc.)' },
};

/** Mean of one metric over reports (NaN where a report lacks the task). */
export function meanMetric(reports: readonly ProbeReport[], task: ProbeTaskName, metric: string): number {
  const values = reports.map((r) => r.tasks.find((t) => t.task === task)?.metrics[metric] ?? Number.NaN);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * A markdown table: one row per backbone and task, pretrained against random initialisation (mean over the
 * random seeds), each cell `first metric / second metric`.
 */
export function formatProbeTable(comparisons: readonly ProbeComparison[]): string {
  const lines = [
    '| backbone | probe (metrics) | pretrained | random init | examples |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const { backbone, pretrained, random } of comparisons) {
    for (const task of pretrained.tasks) {
      const { metrics, label } = HEADLINES[task.task];
      const cell = (reports: readonly ProbeReport[]) =>
        metrics.map((metric) => formatNumber(meanMetric(reports, task.task, metric), metric)).join(' / ');
      lines.push(`| ${backbone} | ${label} | ${cell([pretrained])} | ${cell(random)} | ${task.count} |`);
    }
  }
  return lines.join('\n');
}

function formatNumber(value: number, metric: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  return metric === 'mae' ? value.toFixed(value < 10 ? 2 : 1) : value.toFixed(3);
}
