/**
 * The ESLint that the command runs: the one installed next to the plugin (its peer dependency), 8.57 and later,
 * always in flat-config mode. Declares the few parts of ESLint's Node API it uses, which 8.57's `FlatESLint`
 * and the `ESLint` class of 9 and 10 share, rather than importing types that differ between those majors.
 */
import type { FormatterContext, LintResult, RuleMeta } from '../formatters/lint-results';

export interface EslintResult extends LintResult {
  errorCount: number;
  warningCount: number;
  fatalErrorCount?: number;
  fixableErrorCount?: number;
  fixableWarningCount?: number;
}

export interface EslintFormatter {
  format(results: EslintResult[], context: FormatterContext): string | Promise<string>;
}

export interface EslintInstance {
  lintFiles(patterns: string[]): Promise<EslintResult[]>;
  loadFormatter(name: string): Promise<EslintFormatter>;
  getRulesMetaForResults(results: EslintResult[]): Record<string, RuleMeta>;
}

export interface EslintClass {
  new (options: Record<string, unknown>): EslintInstance;
  outputFixes(results: EslintResult[]): Promise<void>;
}

export type LoadedEslint =
  | { kind: 'loaded'; version: string; ESLint: EslintClass }
  | { kind: 'missing' }
  | { kind: 'unsupported'; version: string };

/** Whether the command supports an ESLint version: 8.57 and later. */
export function isSupportedVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 8 || (major === 8 && minor >= 57);
}

/** The message for a missing ESLint: one line, with the command that installs it. */
export const MISSING_ESLINT = 'ESLint is not installed next to the plugin; install both with: npm install --save-dev eslint eslint-plugin-salesforce-session';

/** The installed ESLint's version, or null when there is none. Loads nothing but ESLint's package.json. */
export function installedVersion(): string | null {
  try {
    return (require('eslint/package.json') as { version: string }).version;
  } catch {
    return null;
  }
}

/** Load ESLint's flat-config API. */
export async function loadEslint(): Promise<LoadedEslint> {
  const version = installedVersion();
  if (version === null) return { kind: 'missing' };
  if (!isSupportedVersion(version)) return { kind: 'unsupported', version };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once it is known to be there
  const eslint = require('eslint') as { ESLint: EslintClass; loadESLint?: (options: object) => Promise<EslintClass> };
  // 8.57's `ESLint` reads eslintrc files; `loadESLint` gives its flat-config class. 9 and 10 have one class.
  const ESLint = version.startsWith('8.') && eslint.loadESLint ? await eslint.loadESLint({ useFlatConfig: true }) : eslint.ESLint;
  return { kind: 'loaded', version, ESLint };
}

/** Load `@typescript-eslint/parser`, or say in one line what to install. */
export function loadTypescriptParser(): { parser: unknown } | { error: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads typescript: only for TypeScript files
    return { parser: require('@typescript-eslint/parser') as unknown };
  } catch (error) {
    const missing = /Cannot find module '([^']+)'/u.exec((error as Error).message)?.[1];
    if (missing === 'typescript' || missing?.startsWith('typescript/')) {
      return { error: 'TypeScript files and Lightning web components need the typescript package to be parsed; install it with: npm install --save-dev typescript' };
    }
    return { error: `TypeScript files and Lightning web components need @typescript-eslint/parser, which did not load (${firstLine((error as Error).message)}); install it with: npm install --save-dev @typescript-eslint/parser typescript` };
  }
}

export function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
