// The bench's command line: its options, their usage text, and the parsing that refuses what it does
// not know (a typo such as --qiuck must not start a five-minute run that ignores it).
import { parseArgs } from "node:util";

export const USAGE = `Usage: node bench/run.mjs [options]     (or: npm run bench -- [options])

Streams LLM-style answers through rivulet's <Markdown> and its peers in real Chromium and reports
what each token costs. With no option: every renderer and document (about 5 minutes on 2 cores),
results written to bench/results/latest.json and latest.md.

Options:
  --quick            a smoke run: the 2 KB document only, short budgets (~30 s); results go to the
                     system temp folder, never over the committed ones
  --only=LIST        renderers, comma-separated: rivulet, streamdown, react-markdown, marked, pre
  --docs=LIST        documents, comma-separated: 2kb, 20kb, 100kb
  --out=FILE         write the JSON results to FILE (and no latest.md)
  --no-write         write no results file
  --strict           exit 1 if a renderer threw or did not show the whole document (not on targets)
  --readme           also put the 100 KB tables into README.md, between its bench markers
  --readme-only      only that, from bench/results/latest.json (no browser)
  --hot              print each run's hottest functions (an unminified build)
  -h, --help         print this and exit

The method is in bench/README.md.`;

/** Every option, for node:util's parseArgs (strict: an unknown one is an error). */
const OPTIONS = {
  quick: { type: "boolean" },
  only: { type: "string" },
  docs: { type: "string" },
  out: { type: "string" },
  "no-write": { type: "boolean" },
  strict: { type: "boolean" },
  readme: { type: "boolean" },
  "readme-only": { type: "boolean" },
  hot: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/**
 * The bench's arguments, or what to print and the exit code when it should not run: 0 for --help,
 * 1 for an unknown option, a value given to a flag, a missing value, or a stray argument.
 *
 * @param {string[]} argv the arguments after the script's name
 * @returns {{ args: Record<string, string | boolean | undefined> } | { exit: 0 | 1; message: string }}
 * @example
 * parseBenchArgs(["--quick", "--only=rivulet,pre"]); // { args: { quick: true, only: "rivulet,pre" } }
 * parseBenchArgs(["--help"]); // { exit: 0, message: USAGE }
 */
export function parseBenchArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return { exit: 1, message: `bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}` };
  }
  if (values.help) return { exit: 0, message: USAGE };
  return { args: { ...values } };
}
