/**
 * Shared RuleTester set-up. Every case runs twice, as a `.js` file parsed by espree (ESLint's own
 * parser, what plain JavaScript projects use) and as a `.ts` file parsed by @typescript-eslint/parser;
 * cases written with TypeScript syntax name a `.ts` filename and run once. The outputs of fixes and
 * suggestions are linted again as valid cases: fixed code must be silent under the same rule.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

export const ruleTester = new RuleTester();

type Valid<Options extends readonly unknown[]> = string | ValidTestCase<Options>;

function inBothLanguages<Case extends { filename?: string; code: string }>(testCase: Case): Case[] {
  if (testCase.filename?.endsWith('.ts') || testCase.filename?.endsWith('.tsx')) return [testCase];
  return [
    { ...testCase, filename: 'file.js', languageOptions: { parser: espree } },
    { ...testCase, filename: 'file.ts' },
  ];
}

/** Valid cases in both languages. */
export function valid<Options extends readonly unknown[]>(cases: readonly Valid<Options>[]): ValidTestCase<Options>[] {
  return cases.flatMap((testCase) => inBothLanguages(typeof testCase === 'string' ? { code: testCase } : testCase));
}

/** Invalid cases in both languages. */
export function invalid<MessageIds extends string, Options extends readonly unknown[]>(
  cases: readonly InvalidTestCase<MessageIds, Options>[],
): InvalidTestCase<MessageIds, Options>[] {
  return cases.flatMap((testCase) => inBothLanguages(testCase));
}

/** The code each fix and suggestion produces, as valid cases: a second pass must find nothing. */
export function fixedOutputs<MessageIds extends string, Options extends readonly unknown[]>(
  cases: readonly InvalidTestCase<MessageIds, Options>[],
): ValidTestCase<Options>[] {
  const outputs: ValidTestCase<Options>[] = [];
  const seen = new Set<string>();
  const add = (testCase: InvalidTestCase<MessageIds, Options>, code: string): void => {
    const key = `${testCase.filename ?? ''}\0${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    outputs.push({
      code,
      ...(testCase.filename ? { filename: testCase.filename } : {}),
      ...(testCase.options ? { options: testCase.options } : {}),
      ...(testCase.languageOptions ? { languageOptions: testCase.languageOptions } : {}),
    });
  };
  for (const testCase of cases) {
    if (typeof testCase.output === 'string') add(testCase, testCase.output);
    for (const error of testCase.errors) {
      for (const suggestion of error.suggestions ?? []) add(testCase, suggestion.output);
    }
  }
  return outputs;
}
