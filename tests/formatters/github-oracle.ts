/**
 * Two references for the GitHub Actions formatter, written from GitHub's side rather than from the formatter:
 *
 * - `actionsCoreCommands`: what `@actions/core` (GitHub's own toolkit) prints for the annotations that the
 *   formatter's contract asks for: errors before warnings, the path relative to the workspace root (absolute
 *   outside it), columns only on a single line.
 * - `parseWorkflowCommand`: how the runner reads a line back (actions/runner `ActionCommand.TryParseV2`).
 */
import { EOL } from 'node:os';
import { isAbsolute, relative, sep } from 'node:path';
import type { LintMessage, LintResult } from '../../src/formatters/lint-results';

/** Run `action` and return what it wrote to stdout instead of letting it through. */
async function captureStdout(action: () => void | Promise<void>): Promise<string> {
  const original = process.stdout.write;
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await action();
  } finally {
    process.stdout.write = original;
  }
  return text;
}

function annotationFile(root: string, filePath: string): string {
  const path = relative(root, filePath);
  const inside = path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
  return inside ? path.split(sep).join('/') : filePath;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/** `@actions/core`'s output for the problems in `results`, paths relative to `root`; one line per problem. */
export async function actionsCoreCommands(results: LintResult[], root: string, notices: string[] = []): Promise<string> {
  // @actions/core 3 is ESM-only.
  const core = await import('@actions/core');
  const problems = results.flatMap((result) => result.messages.map((message) => ({ result, message })));
  const errors = problems.filter(({ message }) => message.severity === 2);
  const warnings = problems.filter(({ message }) => message.severity === 1);
  return captureStdout(() => {
    for (const { result, message } of [...errors, ...warnings]) {
      const properties = annotationProperties(root, result, message);
      if (message.severity === 2) core.error(message.message, properties);
      else core.warning(message.message, properties);
    }
    for (const notice of notices) core.notice(notice);
  });
}

function annotationProperties(root: string, result: LintResult, message: LintMessage) {
  const startLine = positive(message.line);
  const endLine = startLine === undefined ? undefined : positive(message.endLine);
  const singleLine = startLine !== undefined && (endLine === undefined || endLine === startLine);
  return {
    title: message.ruleId ?? 'ESLint',
    file: annotationFile(root, result.filePath),
    startLine,
    endLine,
    startColumn: singleLine ? message.column : undefined,
    endColumn: singleLine ? message.endColumn : undefined,
  };
}

/** The line ending `@actions/core` writes: what the ESLint CLI adds after a formatter's output. */
export const CORE_EOL = EOL;

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

function unescape(text: string, mappings: [string, string][]): string {
  return mappings.reduce((value, [token, replacement]) => value.split(replacement).join(token), text);
}

const DATA_MAPPINGS: [string, string][] = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25'],
];
const PROPERTY_MAPPINGS: [string, string][] = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25'],
];

/** Read one line as the runner does, or null when it is not a workflow command. */
export function parseWorkflowCommand(line: string): WorkflowCommand | null {
  const message = line.trimStart();
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const entry of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const equals = entry.indexOf('=');
      if (equals > 0 && equals < entry.length - 1) {
        properties[entry.slice(0, equals)] = unescape(entry.slice(equals + 1), PROPERTY_MAPPINGS);
      }
    }
  }
  return { command, properties, data: unescape(message.slice(end + 2), DATA_MAPPINGS) };
}
