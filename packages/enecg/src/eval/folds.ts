// Subject-level data splits: no subject (patient) may appear in more than one fold.
import { SeededRandom } from '@enecg/ecg-io';

/** Indices of the training, validation and test examples of one fold. */
export interface FoldSplit {
  train: number[];
  validation: number[];
  test: number[];
}

/** Options of subjectKFold. */
export interface SubjectKFoldOptions {
  /** Number of folds k (>= 2). */
  folds: number;
  /** Seed of the shuffle of subjects: an integer in [0, 2^32). */
  seed: number;
  /**
   * Fraction of the training subjects held out as a validation set for early stopping (default 0.1; 0 for
   * none). Validation subjects are taken from the training part, never from the test fold.
   */
  validationFraction?: number;
}

/**
 * Subject-level k-fold cross-validation: subjects are shuffled (seeded) and assigned to folds so that fold sizes
 * in examples are as even as possible (largest subjects first, each to the currently smallest fold). Fold i tests
 * on the examples of its subjects and trains on the rest, minus a validation subset of whole subjects.
 */
export function subjectKFold(
  subjectIds: ArrayLike<string | number>,
  options: SubjectKFoldOptions,
): FoldSplit[] {
  const k = options.folds;
  const validationFraction = options.validationFraction ?? 0.1;
  const bySubject = groupBySubject(subjectIds);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  if (bySubject.size < k)
    throw new RangeError(`${k} folds need at least ${k} subjects, found ${bySubject.size}`);
  if (validationFraction < 0 || validationFraction >= 1) {
    throw new RangeError(`validationFraction must be in [0, 1), got ${validationFraction}`);
  }
  const generator = new SeededRandom(options.seed);
  const random = () => generator.next();
  const subjects = shuffle([...bySubject.keys()], random);
  // Stable sort by size keeps the shuffled order among equal sizes.
  subjects.sort((a, b) => bySubject.get(b)!.length - bySubject.get(a)!.length);
  const foldSubjects: (string | number)[][] = Array.from({ length: k }, () => []);
  const foldSizes = new Array<number>(k).fill(0);
  for (const subject of subjects) {
    const smallest = foldSizes.indexOf(Math.min(...foldSizes));
    foldSubjects[smallest].push(subject);
    foldSizes[smallest] += bySubject.get(subject)!.length;
  }
  return foldSubjects.map((testSubjects, fold) => {
    const trainSubjects = shuffle(
      foldSubjects.flatMap((s, other) => (other === fold ? [] : s)),
      random,
    );
    const validationCount = Math.round(trainSubjects.length * validationFraction);
    const examplesOf = (list: (string | number)[]) =>
      list.flatMap((s) => bySubject.get(s)!).sort((a, b) => a - b);
    return {
      train: examplesOf(trainSubjects.slice(validationCount)),
      validation: examplesOf(trainSubjects.slice(0, validationCount)),
      test: examplesOf(testSubjects),
    };
  });
}

/**
 * PTB-XL's recommended split from its stratified folds (assigned per patient by the dataset's authors): train on
 * folds 1-8, validate on 9, test on 10.
 */
export function ptbXlRecommendedSplit(stratFolds: ArrayLike<number>): FoldSplit {
  const split: FoldSplit = { train: [], validation: [], test: [] };
  for (let i = 0; i < stratFolds.length; i++) {
    const fold = stratFolds[i];
    if (fold >= 1 && fold <= 8) split.train.push(i);
    else if (fold === 9) split.validation.push(i);
    else if (fold === 10) split.test.push(i);
    else throw new RangeError(`example ${i}: strat_fold must be 1-10, got ${fold}`);
  }
  return split;
}

function groupBySubject(subjectIds: ArrayLike<string | number>): Map<string | number, number[]> {
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < subjectIds.length; i++) {
    const list = groups.get(subjectIds[i]);
    if (list) list.push(i);
    else groups.set(subjectIds[i], [i]);
  }
  return groups;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
