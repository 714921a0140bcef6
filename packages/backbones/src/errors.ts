/** Base class of every error thrown by @enecg/backbones. */
export class BackboneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = new.target.name;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** `createBackbone` (or a weights file) named a backbone id that is not registered. */
export class UnknownBackboneError extends BackboneError {
  readonly id: string;
  /** Every registered id. */
  readonly available: string[];

  constructor(id: string, available: string[]) {
    super(`unknown backbone "${id}"; registered backbones: ${available.join(', ') || '(none)'}`);
    this.id = id;
    this.available = available;
  }
}

/** `registerBackbone` was called with an id that is already registered. */
export class DuplicateBackboneError extends BackboneError {
  readonly id: string;
  /** Every registered id. */
  readonly registered: string[];

  constructor(id: string, registered: string[]) {
    super(
      `a backbone with id "${id}" is already registered (registered: ${registered.join(', ')}); ` +
        'choose another id or unregister the existing one first',
    );
    this.id = id;
    this.registered = registered;
  }
}

/** A configuration option or preset is unknown, out of range, or inconsistent with another option. */
export class BackboneConfigError extends BackboneError {
  readonly backboneId: string;
  /** The offending option (or `preset`). */
  readonly field: string;

  constructor(backboneId: string, field: string, message: string) {
    super(`${backboneId}: ${field}: ${message}`);
    this.backboneId = backboneId;
    this.field = field;
  }
}

/** A backbone definition broke its contract (e.g. created a weight twice, returned the wrong output shape). */
export class BackboneDefinitionError extends BackboneError {
  readonly backboneId: string;

  constructor(backboneId: string, message: string) {
    super(`backbone definition "${backboneId}": ${message}`);
    this.backboneId = backboneId;
  }
}

/** A tensor given to `embed` does not have the shape the backbone declares. */
export class InputShapeError extends BackboneError {
  readonly backboneId: string;
  /** `[batch, length, leads]`; `null` marks a dimension of any size. */
  readonly expected: ReadonlyArray<number | null>;
  readonly got: ReadonlyArray<number>;

  constructor(
    backboneId: string,
    expected: ReadonlyArray<number | null>,
    got: ReadonlyArray<number>,
    hint = '',
  ) {
    const shape = (s: ReadonlyArray<number | null>) => `[${s.map((d) => d ?? 'any').join(', ')}]`;
    super(
      `${backboneId}: input must have shape ${shape(expected)}, got ${shape(got)}${hint ? `; ${hint}` : ''}`,
    );
    this.backboneId = backboneId;
    this.expected = expected;
    this.got = got;
  }
}

/** An ECG record cannot be turned into a backbone's input (no usable lead, invalid sampling rate...). */
export class RecordInputError extends BackboneError {
  /** Name of the record. */
  readonly record: string;

  constructor(record: string, message: string) {
    super(`record "${record}": ${message}`);
    this.record = record;
  }
}

/** Weights are missing for some of the backbone's tensors, or a file holds tensors the backbone has no place for. */
export class WeightKeysError extends BackboneError {
  readonly missing: string[];
  readonly unexpected: string[];
  /** File name or URL, when known. */
  readonly source?: string;

  constructor(missing: string[], unexpected: string[], source?: string) {
    const parts = [
      missing.length ? `missing tensors: ${missing.join(', ')}` : '',
      unexpected.length ? `unexpected tensors: ${unexpected.join(', ')}` : '',
    ].filter(Boolean);
    super(`${source ? `${source}: ` : ''}${parts.join('; ')}`);
    this.missing = missing;
    this.unexpected = unexpected;
    this.source = source;
  }
}

/** A tensor has a different shape from the backbone's weight it is loaded into. */
export class WeightShapeError extends BackboneError {
  /** Name of the tensor (PyTorch state_dict key). */
  readonly key: string;
  readonly expected: number[];
  readonly got: number[];
  readonly source?: string;

  constructor(key: string, expected: number[], got: number[], source?: string, layout = '') {
    super(
      `${source ? `${source}: ` : ''}tensor "${key}" has shape [${got}], expected [${expected}]${layout ? ` (${layout})` : ''}`,
    );
    this.key = key;
    this.expected = expected;
    this.got = got;
    this.source = source;
  }
}

/** A file is not a backbone weights file, or was written for another backbone or configuration. */
export class WeightFormatError extends BackboneError {
  readonly source?: string;

  constructor(message: string, source?: string, options?: { cause?: unknown }) {
    super(`${source ? `${source}: ` : ''}${message}`, options);
    this.source = source;
  }
}

/** The SHA-256 of a weights file's tensor data differs from the one recorded in the file. */
export class ChecksumError extends BackboneError {
  readonly expected: string;
  readonly got: string;
  readonly source?: string;

  constructor(expected: string, got: string, source?: string) {
    super(
      `${source ? `${source}: ` : ''}sha256 of the tensor data is ${got}, the file records ${expected}; ` +
        'the file is corrupt or was modified',
    );
    this.expected = expected;
    this.got = got;
    this.source = source;
  }
}

/** Weights could not be read from or written to a file, URL, or TensorFlow.js IO handler. */
export class WeightIOError extends BackboneError {
  /** The file, URL or handler involved. */
  readonly location: string;

  constructor(location: string, message: string, options?: { cause?: unknown }) {
    super(`${location}: ${message}`, options);
    this.location = location;
  }
}

/** A TensorFlow.js backend could not be initialised. */
export class BackendUnavailableError extends BackboneError {
  readonly backend: string;

  constructor(backend: string, message: string, options?: { cause?: unknown }) {
    super(`backend "${backend}" is not available: ${message}`, options);
    this.backend = backend;
  }
}
