import type { EcgRecord } from '@enecg/ecg-io';

/** A regression task: one number per record (e.g. age in years, RR interval in ms). */
export interface RegressionTask {
  name: string;
  kind: 'regression';
  /** Loss on standardised targets. Default 'mse'. */
  loss?: 'mse' | 'huber';
  /** Huber threshold in standard deviations of the target. Default 1. */
  huberDelta?: number;
  /** Unit of the target, for tables and predictions (e.g. 'ms', 'years'). */
  unit?: string;
  /** Weight of this task's loss in the multi-task sum. Default 1. */
  weight?: number;
}

/** A single-label classification task: one class index per record. */
export interface ClassificationTask {
  name: string;
  kind: 'classification';
  /** Class names; a target is an index into this list. At least 2. */
  classes: string[];
  weight?: number;
}

/** A multi-label task: a 0/1 vector per record (e.g. the five PTB-XL diagnostic superclasses). */
export interface MultilabelTask {
  name: string;
  kind: 'multilabel';
  /** Label names; a target is a 0/1 array of this length. */
  labels: string[];
  weight?: number;
}

/** What EnECG learns: several tasks share the frozen experts, each has its own heads and gate. */
export type TaskSpec = RegressionTask | ClassificationTask | MultilabelTask;

/**
 * One task's target for one example: a number (regression), a class index (classification), a 0/1 array
 * (multi-label), or null when unknown — masked out of the loss and of the metrics.
 */
export type TaskTarget = number | number[] | null;

/** One labelled ECG: the unit of training, cross-validation and evaluation. */
export interface LabelledEcg {
  /** Unique id, e.g. `100@0s` or a PTB-XL ecg_id. */
  id: string;
  /** Who the ECG comes from: cross-validation never puts one subject in two folds. */
  subjectId: string;
  /** The signal (already cut to the window the label describes). */
  record: EcgRecord;
  /** Target per task name; a task missing here counts as null. */
  targets: Readonly<Record<string, TaskTarget>>;
  /** PTB-XL's strat_fold (1-10) when the example comes from PTB-XL. */
  stratFold?: number;
}

/** A set of labelled ECGs and the tasks they are labelled for. */
export interface LabelledDataset {
  /** Short name for tables, e.g. 'simulated', 'wfdb-sample', 'ptb-xl'. */
  name: string;
  /** One sentence on where the data comes from and how labels were made. */
  description: string;
  tasks: TaskSpec[];
  examples: LabelledEcg[];
}
