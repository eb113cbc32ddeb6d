/**
 * `salesforce-session-lint`: parse the command line, pick the files, lint them with ESLint's Node API and the
 * plugin's own config (no config lookup), print the report and a summary, and say by the exit code how it went.
 * The decisions live in the pure modules beside this one; this file only wires them to the file system and to
 * ESLint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import formatGithub from '../formatters/github';
import { NAMESPACE } from '../configs';
import type { FormatterContext } from '../formatters/lint-results';
import formatSarif from '../formatters/sarif';
import { COMMAND, parseArgs, USAGE, type CliOptions, type FormatChoice } from './args';
import { lintConfig, type PluginWithConfigs } from './config';
import {
  firstLine,
  installedVersion,
  loadEslint,
  loadTypescriptParser,
  MISSING_ESLINT,
  type EslintInstance,
  type EslintResult,
} from './eslint';
import { lintRoot, needsTypescriptParser, selectFiles } from './files';
import { batches, ERASE_LINE, PROGRESS_BATCH, progressLine, showsProgress, type ProgressStream } from './progress';
import { reportedResults } from './results';
import { summary } from './summary';

/** Bad usage or an internal failure. */
export const EXIT_FAILURE = 2;
export const EXIT_PROBLEMS = 1;
export const EXIT_CLEAN = 0;

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A failure the user can act on: printed as one line, exit code 2. */
class CliFailure extends Error {}

function packageVersion(): string {
  return (require('../../package.json') as { version: string }).version;
}

async function lintInBatches(eslint: EslintInstance, files: string[], io: CliIo): Promise<EslintResult[]> {
  if (!showsProgress(io.stderr, files.length, io.env)) return eslint.lintFiles(files);
  const results: EslintResult[] = [];
  io.stderr.write(progressLine(0, files.length));
  try {
    for (const batch of batches(files, PROGRESS_BATCH)) {
      results.push(...(await eslint.lintFiles(batch)));
      io.stderr.write(`${ERASE_LINE}${progressLine(results.length, files.length)}`);
    }
  } finally {
    io.stderr.write(ERASE_LINE);
  }
  return results;
}

async function format(eslint: EslintInstance, name: FormatChoice, results: EslintResult[], context: FormatterContext): Promise<string> {
  if (name === 'github') return formatGithub(results, context);
  if (name === 'sarif') return formatSarif(results, context);
  return (await eslint.loadFormatter(name)).format(results, context);
}

function writeReport(text: string, options: CliOptions, io: CliIo): void {
  if (options.outputFile === undefined) {
    if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const path = resolve(io.cwd, options.outputFile);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new CliFailure(`cannot write ${options.outputFile}: ${firstLine((error as Error).message)}`);
  }
}

async function lint(options: CliOptions, io: CliIo): Promise<number> {
  const selection = selectFiles(options.paths, io.cwd);
  if ('missing' in selection) throw new CliFailure(`no such file or folder: ${selection.missing}`);
  const { files } = selection;

  const loaded = await loadEslint();
  if (loaded.kind === 'missing') throw new CliFailure(MISSING_ESLINT);
  if (loaded.kind === 'unsupported') {
    throw new CliFailure(`ESLint ${loaded.version} is too old: the plugin needs ESLint 8.57 or later (npm install --save-dev eslint@latest)`);
  }
  // The plugin loads @typescript-eslint/utils, which loads ESLint: after the check above.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once ESLint is known to be there
  const plugin = require('../index') as PluginWithConfigs;
  const cwd = files.length > 0 ? lintRoot(files, io.cwd) : io.cwd;
  let parser: unknown;
  if (files.some((file) => needsTypescriptParser(relative(cwd, file)))) {
    const typescript = loadTypescriptParser();
    if ('error' in typescript) throw new CliFailure(typescript.error);
    parser = typescript.parser;
  }

  const eslint = new loaded.ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: lintConfig(plugin, options.config, parser),
    fix: options.fix,
    errorOnUnmatchedPattern: false,
  });
  const results = reportedResults(files.length > 0 ? await lintInBatches(eslint, files, io) : [], NAMESPACE);
  let fixedFiles: number | undefined;
  if (options.fix) {
    await loaded.ESLint.outputFixes(results);
    fixedFiles = results.filter((result) => result.output !== undefined).length;
  }

  const rulesMeta = eslint.getRulesMetaForResults(results);
  writeReport(await format(eslint, options.format, results, { cwd, rulesMeta }), options, io);

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  io.stderr.write(summary({ results, rulesMeta, fileCount: files.length, config: options.config, fixedFiles }));
  if (errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`${COMMAND}: too many warnings (${warnings}; --max-warnings is ${options.maxWarnings}).\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_CLEAN;
}

/** Run the command with the arguments after its name; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'error') {
    io.stderr.write(`${COMMAND}: ${parsed.message} (see ${COMMAND} --help)\n`);
    return EXIT_FAILURE;
  }
  if (parsed.kind === 'help') {
    io.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  if (parsed.kind === 'version') {
    const eslintVersion = installedVersion();
    io.stdout.write(`eslint-plugin-salesforce-session ${packageVersion()}, ESLint ${eslintVersion ?? 'not installed'}\n`);
    return EXIT_CLEAN;
  }
  try {
    return await lint(parsed.options, io);
  } catch (error) {
    const message = error instanceof CliFailure ? error.message : `internal error: ${firstLine(String((error as Error)?.message ?? error))}`;
    io.stderr.write(`${COMMAND}: ${message}\n`);
    if (!(error instanceof CliFailure) && io.env.DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT_FAILURE;
  }
}
