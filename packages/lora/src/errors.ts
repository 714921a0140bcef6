/** Base class of every error thrown by @enecg/lora. */
export class LoraError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A `LoraConfig` (or layer argument) has a value that is out of range or of the wrong type. */
export class LoraConfigError extends LoraError {
  /** The offending option, e.g. `r` or `loraDropout`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** The rank asked for a layer is larger than the rank its weight update can have. */
export class LoraRankError extends LoraConfigError {
  /** Path of the layer (nested model names joined by '.'). */
  readonly layerPath: string;
  readonly r: number;
  /** The largest rank the layer allows: min(input features x kernel size, output features). */
  readonly maxRank: number;

  constructor(layerPath: string, r: number, maxRank: number, field = 'r') {
    super(
      field,
      `rank ${r} is larger than layer "${layerPath}" allows (${maxRank} = min(input features x kernel size, output features))`,
    );
    this.layerPath = layerPath;
    this.r = r;
    this.maxRank = maxRank;
  }
}

/** `targetModules` or `modulesToSave` name no layer of the model, or name layers LoRA cannot adapt. */
export class TargetModulesError extends LoraError {
  /** The names, patterns or layer paths that caused the error. */
  readonly targets: string[];
  /** Every layer of the model as `path (ClassName)`, to help pick the right names. */
  readonly availableLayers: string[];

  constructor(message: string, targets: string[], availableLayers: string[]) {
    super(`${message}\nLayers of the model:\n  ${availableLayers.join('\n  ')}`);
    this.targets = targets;
    this.availableLayers = availableLayers;
  }
}

/** An adapter operation named an adapter that does not exist, or reused a name that does. */
export class AdapterNameError extends LoraError {
  readonly adapterName: string;

  constructor(adapterName: string, message: string) {
    super(`adapter "${adapterName}": ${message}`);
    this.adapterName = adapterName;
  }
}

/** An adapter file (adapter_config.json or adapter_model.safetensors) cannot be used. */
export class AdapterFormatError extends LoraError {
  /** Which file the problem is in, when known. */
  readonly file?: string;

  constructor(message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.file = file;
  }
}

/** adapter_config.json was written by a newer version of this library's adapter format. */
export class AdapterVersionError extends AdapterFormatError {
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number, file?: string) {
    super(
      `adapter format version ${found} is newer than this library supports (${supported}); upgrade @enecg/lora`,
      file,
    );
    this.found = found;
    this.supported = supported;
  }
}

/** A tensor in an adapter file does not have the shape the model needs. */
export class AdapterShapeError extends AdapterFormatError {
  readonly tensor: string;
  /** The shape the model needs, in PyTorch orientation (as stored in the file). */
  readonly expected: number[];
  readonly found: number[];

  constructor(tensor: string, expected: number[], found: number[], file?: string) {
    super(`tensor "${tensor}" has shape [${found}], the model needs [${expected}]`, file);
    this.tensor = tensor;
    this.expected = expected;
    this.found = found;
  }
}

/** Strict loading found tensors missing from an adapter file, or tensors the model has no place for. */
export class AdapterKeysError extends AdapterFormatError {
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];

  constructor(missingKeys: string[], unexpectedKeys: string[], file?: string) {
    const parts = [
      missingKeys.length ? `missing tensors: ${missingKeys.join(', ')}` : '',
      unexpectedKeys.length ? `unexpected tensors: ${unexpectedKeys.join(', ')}` : '',
    ].filter(Boolean);
    super(`${parts.join('; ')} (load with { strict: false } to accept and get them reported)`, file);
    this.missingKeys = missingKeys;
    this.unexpectedKeys = unexpectedKeys;
  }
}

/** An adapter could not be written to or read from a destination (folder, TensorFlow.js IO handler, URL). */
export class AdapterIOError extends LoraError {
  /** The folder, file or URL involved. */
  readonly location: string;

  constructor(location: string, message: string, options?: { cause?: unknown }) {
    super(`${location}: ${message}`);
    this.location = location;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
