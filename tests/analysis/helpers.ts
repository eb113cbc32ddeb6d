/**
 * Runs analysis functions on real parsed code: a throw-away rule inside ESLint's Linter hands over the
 * SourceCode (with its scope manager) exactly as rules get it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { walk } from '../../src/analysis/core/ast';

export type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Parses `code` (as TypeScript when `ts`; as a module unless `sourceType` says `commonjs` or `script`)
 * and runs `analyse` on its SourceCode and Program; with `select`, also on the nodes that esquery
 * selector matched during ESLint's traversal, as a rule's listeners would collect them.
 */
export function withSource<T>(
  code: string,
  analyse: (sourceCode: SourceCode, selected: TSESTree.Node[]) => T,
  { ts = false, sourceType = 'module', select }: { ts?: boolean; sourceType?: 'module' | 'commonjs' | 'script'; select?: string } = {},
): T {
  let result: { value: T } | null = null;
  const selected: TSESTree.Node[] = [];
  let failure: unknown = null;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: ts ? { parser: tsParser as unknown as Linter.Parser, sourceType } : { sourceType },
        plugins: {
          probe: {
            rules: {
              probe: {
                create(context: { sourceCode: unknown }) {
                  return {
                    ...(select ? { [select]: (node: TSESTree.Node) => selected.push(node) } : {}),
                    'Program:exit'() {
                      try {
                        result = { value: analyse(context.sourceCode as SourceCode, selected) };
                      } catch (error) {
                        failure = error;
                      }
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'probe/probe': 'error' },
      },
    ],
    ts ? 'file.ts' : 'file.js',
  );
  if (failure) throw failure;
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!result) throw new Error('probe did not run');
  return (result as { value: T }).value;
}

/** Every call in the file whose callee is the identifier `name`. */
export function callsNamed(sourceCode: SourceCode, name: string): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  walk(sourceCode, sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name) {
      found.push(node);
    }
  });
  return found;
}

/** The first argument of the first `probe(…)` call. */
export function probeArgument(sourceCode: SourceCode): TSESTree.Node {
  const [call] = callsNamed(sourceCode, 'probe');
  const argument = call?.arguments[0];
  if (!argument) throw new Error('no probe(…) call with an argument');
  return argument;
}
