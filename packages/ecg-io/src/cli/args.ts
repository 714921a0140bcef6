import { CliUsageError } from './context.js';

/** `flag`: takes no value; `value`: takes the next argument; `list`: takes the following non-option arguments. */
export type OptionKind = 'flag' | 'value' | 'list';

/** Command-line arguments sorted by option. */
export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
  /** Arguments that belong to no option, in order. */
  positional: string[];
}

/**
 * Parses arguments against the options a command knows (e.g. `{ '-r': 'value', '-s': 'list', '-P': 'flag' }`).
 * Unknown options and options missing their value throw CliUsageError.
 */
export function parseArgs(
  args: readonly string[],
  options: Readonly<Record<string, OptionKind>>,
): ParsedArgs {
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), lists: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const kind = options[arg];
    if (kind === undefined) throw new CliUsageError(`unknown option ${arg}`);
    if (kind === 'flag') {
      parsed.flags.add(arg);
    } else if (kind === 'value') {
      const value = args[i + 1];
      if (value === undefined) throw new CliUsageError(`${arg} needs a value`);
      parsed.values.set(arg, value);
      i++;
    } else {
      const items: string[] = [];
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) items.push(args[++i]);
      if (items.length === 0) throw new CliUsageError(`${arg} needs at least one value`);
      parsed.lists.set(arg, items);
    }
  }
  return parsed;
}

/**
 * A time given on the command line, as a sample number at `frequency` samples per second (WFDB's strtim):
 * seconds (`12.5`), `m:ss` or `h:mm:ss` (rounded to the nearest sample), `sNNN` for sample NNN, or `e` for
 * `end`. Throws CliUsageError naming the option otherwise.
 */
export function parseTime(text: string, option: string, frequency: number, end: number): number {
  if (text === 'e') return end;
  const sample = /^s(\d+)$/.exec(text);
  if (sample !== null) return Number(sample[1]);
  const clock = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d*)?|\.\d+)$/.exec(text);
  if (clock === null) {
    throw new CliUsageError(`${option}: invalid time "${text}" (expected seconds, [h:]m:s, sNNN or e)`);
  }
  const seconds = Number(clock[1] ?? 0) * 3600 + Number(clock[2] ?? 0) * 60 + Number(clock[3]);
  return Math.floor(seconds * frequency + 0.5);
}
