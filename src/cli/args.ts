/**
 * The command line of `salesforce-session-lint`: what it accepts, and the usage text. Pure: argv in, options or
 * a one-line usage error out.
 */

export const COMMAND = 'salesforce-session-lint';

export const CONFIGS = ['recommended', 'strict', 'all'] as const;
export type ConfigChoice = (typeof CONFIGS)[number];

export const FORMATS = ['stylish', 'github', 'sarif', 'json'] as const;
export type FormatChoice = (typeof FORMATS)[number];

export interface CliOptions {
  /** Files and folders to lint; `.` when none is given. */
  paths: string[];
  config: ConfigChoice;
  format: FormatChoice;
  /** Where to write the report; stdout when absent. */
  outputFile?: string;
  fix: boolean;
  /** More warnings than this make the exit code 1; no limit when absent. */
  maxWarnings?: number;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'lint'; options: CliOptions } | { kind: 'error'; message: string };

export const USAGE = `Usage: ${COMMAND} [options] [paths...]

Lints the JavaScript and TypeScript files under each path (default: the current folder) with the
eslint-plugin-salesforce-session rules, whatever ESLint config the folder has or lacks. Skips what
.gitignore ignores, node_modules, build output (dist, build, out, coverage, ...) and minified files.

Options:
  --config recommended|strict|all    Which rules to run (default: recommended)
  --format stylish|github|sarif|json Report format (default: stylish)
  -o, --output-file FILE             Write the report to FILE instead of stdout
  --fix                              Apply the rules' safe fixes to the files
  --max-warnings N                   Exit 1 when there are more than N warnings
  -h, --help                         Show this help
  -v, --version                      Show the versions of the plugin and of ESLint

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage or internal failure.
`;

/** Options that take a value, by every name they are spelled with. */
const VALUE_OPTIONS: Record<string, 'config' | 'format' | 'outputFile' | 'maxWarnings'> = {
  '--config': 'config',
  '--format': 'format',
  '-f': 'format',
  '-o': 'outputFile',
  '--output-file': 'outputFile',
  '--max-warnings': 'maxWarnings',
};

function oneOf<T extends string>(choices: readonly T[], value: string): value is T {
  return (choices as readonly string[]).includes(value);
}

/** Parse the arguments after the command name. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { paths: [], config: 'recommended', format: 'stylish', fix: false };
  let onlyPaths = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      options.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-v' || arg === '--version') return { kind: 'version' };
    if (arg === '--fix') {
      options.fix = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    const key = VALUE_OPTIONS[name];
    if (!key) return { kind: 'error', message: `unknown option '${name}'` };
    let value: string | undefined;
    if (name !== arg) value = arg.slice(equals + 1);
    else {
      value = argv[index + 1];
      index += 1;
    }
    if (value === undefined || value === '') return { kind: 'error', message: `option '${name}' needs a value` };
    if (key === 'config') {
      if (!oneOf(CONFIGS, value)) return { kind: 'error', message: `--config must be one of ${CONFIGS.join(', ')}, not '${value}'` };
      options.config = value;
    } else if (key === 'format') {
      if (!oneOf(FORMATS, value)) return { kind: 'error', message: `--format must be one of ${FORMATS.join(', ')}, not '${value}'` };
      options.format = value;
    } else if (key === 'outputFile') {
      options.outputFile = value;
    } else {
      if (!/^\d+$/u.test(value)) return { kind: 'error', message: `--max-warnings needs a whole number, not '${value}'` };
      options.maxWarnings = Number(value);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'lint', options };
}
