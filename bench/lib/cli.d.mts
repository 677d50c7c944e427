// Types for cli.mjs, which tests/bench/cli.test.ts imports.
/** The usage text `--help` prints. */
export const USAGE: string;
/** The bench's arguments, or what to print and the exit code when it should not run. */
export function parseBenchArgs(
  argv: string[],
): { args: Record<string, string | boolean | undefined> } | { exit: 0 | 1; message: string };
