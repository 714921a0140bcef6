import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

/** Result of running the CLI in-process with captured output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ecgio ...args` in-process, with `cwd` as working folder, capturing both output streams. */
export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  };
  const code = await main(args, context);
  return { code, stdout, stderr };
}
