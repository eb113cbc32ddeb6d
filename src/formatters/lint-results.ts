import { isAbsolute, relative, sep } from 'node:path';

/**
 * What the formatters read of ESLint's results: the fields that ESLint 8.57, 9 and 10 all give a formatter.
 * Declared here rather than imported from `eslint`, whose types differ between those majors.
 */
export interface LintMessage {
  ruleId: string | null;
  /** 1 warning, 2 error. */
  severity: number;
  message: string;
  /** 1-based; absent or 0 on messages about the whole file. */
  line?: number;
  /** 1-based, in UTF-16 code units. */
  column?: number;
  endLine?: number;
  /** 1-based, exclusive. */
  endColumn?: number;
  /** A parsing error: the file could not be linted. */
  fatal?: boolean;
}

export interface LintResult {
  /** Absolute. */
  filePath: string;
  messages: LintMessage[];
  /** The linted text, when ESLint includes it (files with problems that were not fixed). */
  source?: string;
  /** The fixed text, after `--fix`. */
  output?: string;
}

export interface RuleMeta {
  type?: string;
  docs?: { description?: string; url?: string };
}

/** The second argument ESLint passes to a formatter. */
export interface FormatterContext {
  cwd?: string;
  rulesMeta?: Record<string, RuleMeta | undefined>;
}

/** An ESLint formatter: results in, the text to print out. */
export type Formatter = (results: LintResult[], context?: FormatterContext) => string;

/**
 * The folder that report paths are relative to: the repository root on GitHub Actions (`GITHUB_WORKSPACE`,
 * which GitHub resolves annotation and SARIF paths against, even when ESLint runs in a subfolder), else
 * ESLint's working directory.
 */
export function reportRoot(context: FormatterContext | undefined): string {
  return process.env.GITHUB_WORKSPACE || context?.cwd || process.cwd();
}

/**
 * `filePath` relative to `root` with `/` separators and no leading `./`, or null when it lies outside `root`
 * (or is `root` itself).
 */
export function relativeTo(root: string, filePath: string): string | null {
  const path = relative(root, filePath);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return null;
  return path.split(sep).join('/');
}

/** The messages of all results in order, each with its result. */
export function allMessages(results: readonly LintResult[]): { result: LintResult; message: LintMessage }[] {
  return results.flatMap((result) => result.messages.map((message) => ({ result, message })));
}

/** A positive integer, or undefined. */
export function position(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
