/** Base class of every error @enecg/enecg throws about models, data and files. */
export class EnEcgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An invalid model configuration or option: which option, what was given, what is allowed. */
export class EnEcgConfigError extends EnEcgError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`EnECG config: ${option}: ${message}`);
  }
}

/** Where in the data a problem is: the example, the task and the field (any of them may be unknown). */
export interface DataLocation {
  exampleId?: string;
  task?: string;
  field?: string;
}

/** Training or evaluation data that does not fit the model: which example, task and field, expected vs got. */
export class EnEcgDataError extends EnEcgError {
  readonly exampleId: string | undefined;
  readonly task: string | undefined;
  readonly field: string | undefined;

  constructor(location: DataLocation, message: string) {
    const where = [
      location.exampleId !== undefined && `example ${location.exampleId}`,
      location.task !== undefined && `task ${location.task}`,
      location.field !== undefined && `field ${location.field}`,
    ]
      .filter(Boolean)
      .join(', ');
    super(where ? `${where}: ${message}` : message);
    this.exampleId = location.exampleId;
    this.task = location.task;
    this.field = location.field;
  }
}

/** A saved model that cannot be loaded: which file, what is wrong. */
export class EnEcgFileError extends EnEcgError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** `EnEcg.load` was given backbones other than those the model was trained with. */
export class EnEcgBackboneMismatchError extends EnEcgFileError {
  constructor(
    readonly expertIndex: number,
    readonly expected: string,
    readonly got: string,
    what: string,
  ) {
    super(
      'enecg.json',
      `expert ${expertIndex}: ${what} differs: the model was trained with ${expected}, got ${got}`,
    );
  }
}
