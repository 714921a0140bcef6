/** A command-line option: `--name value` (or a bare flag). */
export interface OptionSpec {
  name: string;
  /** Takes no value. */
  flag?: boolean;
  help: string;
}

/** Parses `--name value` / `--flag` arguments; throws on unknown options or missing values. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown argument "${arg}"`);
    if (spec.flag) {
      out.set(spec.name, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${spec.name} needs a value`);
    out.set(spec.name, value);
  }
  return out;
}

/** A positive integer option, or `fallback`. */
export function integerOption(
  options: Map<string, string>,
  name: string,
  fallback?: number,
): number | undefined {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Usage text from the option specs. */
export function usage(command: string, summary: string, specs: readonly OptionSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length + (s.flag ? 0 : 8)));
  const lines = specs.map((s) => `  --${`${s.name}${s.flag ? '' : ' <value>'}`.padEnd(width + 2)}${s.help}`);
  return [`usage: ${command} [options]`, '', summary, '', ...lines].join('\n');
}

/** Bad command-line arguments (exit code 2). */
export class UsageError extends Error {}
