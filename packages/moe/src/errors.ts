/** Base class of every error thrown by @enecg/moe. */
export class MoeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration option is out of range or of the wrong type (e.g. `k` larger than the number of experts). */
export class MoeConfigError extends MoeError {
  /** The offending option, e.g. `k` or `capacityFactor`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** A tensor does not have the shape it must have; the message names both shapes. */
export class MoeShapeError extends MoeError {
  /** What the tensor is, e.g. `gate input` or `output of expert 2`. */
  readonly tensor: string;
  /** The expected shape; `null` marks a dimension of any size. */
  readonly expected: ReadonlyArray<number | null>;
  /** The actual shape; `null` marks a dimension not known yet (symbolic batch size). */
  readonly found: ReadonlyArray<number | null>;

  constructor(
    tensor: string,
    expected: ReadonlyArray<number | null>,
    found: ReadonlyArray<number | null>,
    hint = '',
  ) {
    super(
      `${tensor} has shape ${formatShape(found)}, expected ${formatShape(expected)}${hint ? `; ${hint}` : ''}`,
    );
    this.tensor = tensor;
    this.expected = expected;
    this.found = found;
  }
}

/** Routing cannot go on, e.g. sparse dispatch found no example routed to any expert. */
export class MoeRoutingError extends MoeError {}

/** `[2, ?, 8]`: a shape as text, `?` for a dimension of any size. */
function formatShape(shape: ReadonlyArray<number | null>): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}
