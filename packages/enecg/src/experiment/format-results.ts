import type { ExperimentResult, MeanStd } from './run-experiment.js';

/**
 * The result as a markdown table: per task, EnECG, the uniform average, the best single expert and every expert
 * (mean ± std over folds; the best of each row in bold), then parameters, memory and time.
 */
export function formatResultsMarkdown(result: ExperimentResult): string {
  const header = ['task', 'metric', 'EnECG', 'uniform average', 'best single expert', ...result.experts];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const [name, task] of Object.entries(result.tasks)) {
    const experts = Object.entries(task.experts);
    const better = (a: MeanStd, b: MeanStd) => (task.higherIsBetter ? a.mean > b.mean : a.mean < b.mean);
    const best = experts.reduce<[string, MeanStd] | null>(
      (acc, entry) => (acc === null || better(entry[1], acc[1]) ? entry : acc),
      null,
    );
    const candidates = [task.enecg, task.uniform, ...experts.map(([, s]) => s)].filter((s) =>
      Number.isFinite(s.mean),
    );
    const top = candidates.reduce((a, b) => (better(b, a) ? b : a), candidates[0]);
    const cell = (s: MeanStd) => {
      const text = formatMeanStd(s);
      return s === top ? `**${text}**` : text;
    };
    const metric = task.metric === 'mae' ? `MAE${task.unit ? ` (${task.unit})` : ''} ↓` : 'AUROC ↑';
    lines.push(
      `| ${[
        name,
        metric,
        cell(task.enecg),
        cell(task.uniform),
        best ? `${best[0]}: ${formatMeanStd(best[1])}` : '-',
        ...experts.map(([, s]) => cell(s)),
      ].join(' | ')} |`,
    );
  }
  const { trainable, total } = result.parameters;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  lines.push(
    '',
    `${result.dataset.examples} examples, ${result.dataset.subjects} subjects; ` +
      (result.split === 'ptb-xl'
        ? 'PTB-XL split (train 1-8, validation 9, test 10)'
        : `${result.folds}-fold subject-level cross-validation`) +
      `, seed ${result.seed}. EnECG parameters: ${trainable.toLocaleString('en-US')} trainable of ${total.toLocaleString('en-US')} ` +
      `(${((100 * trainable) / total).toFixed(2)} %). Peak memory: tensors ${mib(result.memory.peakTensorBytes)}` +
      (result.memory.peakRssBytes !== null ? `, process ${mib(result.memory.peakRssBytes)}` : '') +
      `. Time: ${result.seconds.toFixed(0)} s.`,
  );
  return lines.join('\n');
}

function formatMeanStd({ mean, std }: MeanStd): string {
  if (!Number.isFinite(mean)) return 'n/a';
  const digits = Math.abs(mean) >= 100 ? 1 : 3;
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
}
