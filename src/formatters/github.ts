/**
 * An ESLint formatter that prints GitHub Actions workflow commands, one annotation per problem:
 *
 *     ::error title=<rule>,file=<path>,line=<n>,endLine=<n>,col=<n>,endColumn=<n>::<message>
 *
 * Byte for byte what `@actions/core`'s `error()` / `warning()` / `notice()` print for the same problem (the
 * tests compare the two). Errors come first, because GitHub keeps only the first 10 annotations of each type in a
 * step; when more are hidden, a final `::notice::` says how many. Paths are relative to `GITHUB_WORKSPACE`
 * (absolute outside it). Columns are given only for single-line ranges, which is all the runner accepts.
 *
 * It returns the commands as a string, for ESLint to print on stdout, where the runner reads them. Its one
 * side effect: on GitHub Actions (`GITHUB_STEP_SUMMARY` set) it appends a Markdown table of every problem to
 * the job summary.
 */
import { appendFileSync } from 'node:fs';
import {
  allMessages,
  type Formatter,
  type FormatterContext,
  type LintMessage,
  type LintResult,
  position,
  relativeTo,
  reportRoot,
} from './lint-results';

/** GitHub shows at most this many annotations of each type (error, warning, notice) per step. */
const ANNOTATIONS_PER_TYPE = 10;
/** Rows of the job summary table; a summary may hold 1 MiB per step. */
const SUMMARY_ROWS = 500;

type AnnotationType = 'error' | 'warning';

interface Annotation {
  type: AnnotationType;
  title: string;
  file: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  message: string;
  ruleId: string | null;
}

/** Workflow-command escaping of the message (`@actions/core` `escapeData`). `%` first. */
function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** Workflow-command escaping of a property value (`@actions/core` `escapeProperty`): also `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/** One workflow command. Properties in `@actions/core`'s order; empty ones left out, as it does. */
function command(name: string, properties: [string, string | number | undefined][], message: string): string {
  const present = properties.filter(([, value]) => value !== undefined && value !== '' && value !== 0);
  const list = present.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

function annotationOf(root: string, result: LintResult, message: LintMessage): Annotation {
  const line = position(message.line);
  const endLine = line === undefined ? undefined : position(message.endLine);
  // The runner drops columns on a multi-line range; give them only when the range stays on one line.
  const singleLine = line !== undefined && (endLine === undefined || endLine === line);
  return {
    type: message.severity === 2 ? 'error' : 'warning',
    title: message.ruleId ?? 'ESLint',
    file: relativeTo(root, result.filePath) ?? result.filePath,
    line,
    endLine,
    col: singleLine ? position(message.column) : undefined,
    endColumn: singleLine ? position(message.endColumn) : undefined,
    message: message.message,
    ruleId: message.ruleId,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Text for a Markdown table cell: no line breaks, no table or HTML syntax. */
function cell(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/\|/gu, '\\|')
    .replace(/\r?\n|\r/gu, '<br>');
}

function summary(annotations: readonly Annotation[], context: FormatterContext | undefined): string {
  const errors = annotations.filter((annotation) => annotation.type === 'error').length;
  const warnings = annotations.length - errors;
  if (annotations.length === 0) return '### ESLint: no problems\n\n';
  const rows = annotations.slice(0, SUMMARY_ROWS).map((annotation) => {
    const place = annotation.line === undefined ? annotation.file : `${annotation.file}:${annotation.line}`;
    const url = annotation.ruleId ? context?.rulesMeta?.[annotation.ruleId]?.docs?.url : undefined;
    const rule = url ? `[${cell(annotation.title)}](${encodeURI(url)})` : cell(annotation.title);
    return `| ${cell(place)} | ${annotation.type} | ${rule} | ${cell(annotation.message)} |`;
  });
  const more = annotations.length - rows.length;
  return [
    `### ESLint: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    '',
    '| File | Severity | Rule | Message |',
    '| :--- | :--- | :--- | :--- |',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more: see the step log.`] : []),
    '',
    '',
  ].join('\n');
}

const formatGithub: Formatter = (results, context) => {
  const root = reportRoot(context);
  const annotations = allMessages(results)
    .filter(({ message }) => message.severity === 1 || message.severity === 2)
    .map(({ result, message }) => annotationOf(root, result, message));
  // Errors first (a stable sort keeps ESLint's file and line order within each type).
  annotations.sort((a, b) => Number(b.type === 'error') - Number(a.type === 'error'));

  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFileSync(summaryFile, summary(annotations, context));

  const lines = annotations.map((annotation) =>
    command(
      annotation.type,
      [
        ['title', annotation.title],
        ['file', annotation.file],
        ['line', annotation.line],
        ['endLine', annotation.endLine],
        ['col', annotation.col],
        ['endColumn', annotation.endColumn],
      ],
      annotation.message,
    ),
  );
  for (const type of ['error', 'warning'] as const) {
    const count = annotations.filter((annotation) => annotation.type === type).length;
    if (count <= ANNOTATIONS_PER_TYPE) continue;
    // The runner still writes every message to the step log, but without its file and line.
    const where = summaryFile ? 'the job summary lists all of them with their places' : 'the step log shows their messages';
    lines.push(
      command(
        'notice',
        [],
        `ESLint found ${plural(count, type)}; GitHub annotates only the first ${ANNOTATIONS_PER_TYPE} ${type}s of a step, so ${count - ANNOTATIONS_PER_TYPE} ${count - ANNOTATIONS_PER_TYPE === 1 ? 'is' : 'are'} not annotated: ${where}.`,
      ),
    );
  }
  return lines.join('\n');
};

export = formatGithub;
