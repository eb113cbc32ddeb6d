/**
 * What the command reports of ESLint's results: its own rules' problems and the parsing errors, not what a
 * file's comments say about the folder's own ESLint setup. ESLint reports an inline config or disable comment
 * for a rule that this config does not load ("Definition for rule 'react/no-danger' was not found"), and
 * ESLint 10 reports every `/* eslint-env *\/` comment: both are about the rules and the ESLint major that the
 * folder's own config has, which the command does not run, and would make an audit of any older repository
 * fail. Pure: results in, filtered results (with their counts made again) out.
 */
import type { EslintResult } from './eslint';

type Message = EslintResult['messages'][number] & { fix?: unknown };

const ESLINT_ENV = /^\/\* eslint-env \*\/ comments are no longer supported/u;

/** Whether a message is one the command reports: a rule of `namespace`'s, or a problem of no rule but an `eslint-env` comment's. */
export function isReported(message: Message, namespace: string): boolean {
  if (message.ruleId === null) return !ESLINT_ENV.test(message.message);
  return message.ruleId.startsWith(`${namespace}/`);
}

function counted(result: EslintResult, messages: Message[]): EslintResult {
  const count = (test: (message: Message) => boolean): number => messages.filter(test).length;
  return {
    ...result,
    messages,
    errorCount: count((message) => message.severity === 2),
    fatalErrorCount: count((message) => message.fatal === true),
    warningCount: count((message) => message.severity === 1),
    fixableErrorCount: count((message) => message.severity === 2 && message.fix !== undefined),
    fixableWarningCount: count((message) => message.severity === 1 && message.fix !== undefined),
  };
}

/** `results` with only the messages the command reports; a result that loses none is returned as it is. */
export function reportedResults(results: readonly EslintResult[], namespace: string): EslintResult[] {
  return results.map((result) => {
    const messages = (result.messages as Message[]).filter((message) => isReported(message, namespace));
    return messages.length === result.messages.length ? result : counted(result, messages);
  });
}
