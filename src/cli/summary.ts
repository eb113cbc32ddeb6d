/**
 * The closing summary on stderr: how many problems in how many files, then the reports per rule, each with the
 * link to the rule's documentation (from the rule's `meta.docs.url`). Pure: results in, text out.
 */
import type { RuleMeta } from '../formatters/lint-results';
import type { EslintResult } from './eslint';
import { COMMAND } from './args';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export interface SummaryInput {
  results: readonly EslintResult[];
  rulesMeta: Record<string, RuleMeta | undefined>;
  /** How many files were linted (results may leave out none, but an empty run has no results). */
  fileCount: number;
  config: string;
  /** How many files `--fix` rewrote, when it ran. */
  fixedFiles?: number;
}

/** The summary's lines, each ending in a newline. */
export function summary({ results, rulesMeta, fileCount, config, fixedFiles }: SummaryInput): string {
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  const perRule = new Map<string, number>();
  for (const result of results) {
    if (result.messages.length > 0) filesWithProblems += 1;
    for (const message of result.messages) {
      if (message.severity === 2) errors += 1;
      else warnings += 1;
      const key = message.ruleId ?? (message.fatal ? '(parsing error)' : '(no rule)');
      perRule.set(key, (perRule.get(key) ?? 0) + 1);
    }
  }
  const lines: string[] = [];
  const fixed = fixedFiles === undefined ? '' : `; ${plural(fixedFiles, 'file')} fixed`;
  const files = plural(fileCount, 'file');
  if (errors + warnings === 0) {
    lines.push(`${COMMAND}: no problems in ${files} (${config} config)${fixed}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `${COMMAND}: ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${filesWithProblems} of ${files} (${config} config)${fixed}:`,
  );
  const rows = [...perRule].sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
  const countWidth = String(rows[0]?.[1] ?? 0).length;
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  for (const [name, count] of rows) {
    const url = rulesMeta[name]?.docs?.url;
    const row = `  ${String(count).padStart(countWidth)}  ${url ? name.padEnd(nameWidth) : name}${url ? `  ${url}` : ''}`;
    lines.push(row);
  }
  return `${lines.join('\n')}\n`;
}
