import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';

import type { FunctionNode } from '../analysis/core/call-targets';
import type { Guard, GuardOrigin, Loop } from '../analysis/retry/expired-branches';
import type { FileNodes } from '../analysis/core/file-nodes';
import type { RetryPath } from '../analysis/retry/retry-paths';

import { contains, memberName, unwrap } from '../analysis/core/ast';
import { expiryWordSelector, mentions, REFRESH_REQUEST_WORDS, salesforceApiMentions } from '../analysis/core/mentions';
import { hookRetries, interceptorRetries, libraryRetries, loopRetries, recursiveCalls, recursiveRetry } from '../analysis/retry/retry-paths';
import { cycleRetries } from '../analysis/retry/retry-cycles';
import { fileNodes } from '../analysis/core/file-nodes';
import { REFRESH_NAMED_CALL_SELECTOR } from '../analysis/retry/session-refresh';
import { mayTriggerRetry, provideTriggerCandidates } from '../analysis/retry/triggers';
import type { RuleFile } from '../util/create-rule';

import { createRule } from '../util/create-rule';
import { collectNodes } from '../util/file-listeners';

import { addToList } from '../util/collections';

const EXPIRY_WORD_SELECTOR = expiryWordSelector();

export type Options = [];
export type MessageIds =
  | 'addRetryCounter'
  | 'addRetryFlag'
  | 'boundLoop'
  | 'unboundedContinue'
  | 'unboundedLibrary'
  | 'unboundedLoop'
  | 'unboundedRecursion'
  | 'unboundedReplay';

const COUNTER = 'retries';
const ATTEMPT = 'attempt';
const FLAG = '_retry';
const EDITABLE_ORIGINS = new Set<GuardOrigin['kind']>(['if', 'conditional', 'logical', 'early-exit']);

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-session-retry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retrying a request after an expired Salesforce session without a bound',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      unboundedRecursion:
        'This call retries the request after the session expired with no limit: when refreshing cannot fix the session, it sets off a storm of refreshes, logins and retries that ends in "Login Limit Reached" and a locked user. Refresh once, retry once, then surface the error.',
      unboundedContinue:
        'This `continue` retries the request after the session expired with no limit: when refreshing cannot fix the session, the loop sets off a storm of refreshes, logins and retries that ends in "Login Limit Reached" and a locked user. Refresh once, retry once, then surface the error.',
      unboundedLoop:
        'This loop retries the request after the session expired with no limit: when refreshing cannot fix the session, it sets off a storm of refreshes, logins and retries that ends in "Login Limit Reached" and a locked user. Refresh once, retry once, then surface the error.',
      unboundedReplay:
        'This interceptor replays the failed request after the session expired with no limit: a replay that fails again comes back here, setting off a storm of refreshes and replays that ends in "Login Limit Reached" and a locked user. Mark the request as retried and replay it only once.',
      unboundedLibrary:
        'This retries forever and refreshes the session on each expired-session failure: when refreshing cannot fix the session, it sets off a storm of refreshes and retries that ends in "Login Limit Reached" and a locked user. Set a finite number of retries and stop when the session is still invalid after one refresh.',
      addRetryCounter: 'Add a `retries = 1` parameter, retry only while `retries > 0`, and pass `retries - 1`.',
      addRetryFlag: 'Replay the request only once: check and set `{{flag}}`.',
      boundLoop: 'Count the attempts: refresh and retry only on the first one, and stop after two.',
    },
  },
  defaultOptions: [],
  listen(file) {
    listen(file);
  },
});

/**
 * The rule's listeners. During ESLint's traversal they only collect, by selectors, the few nodes that
 * a retry needs one of (an expiry word, a token path or SOAP login string, a login- or token-named
 * call in a file that names a Salesforce client library), so that ESLint calls back for those nodes
 * only; in most files there is none, and that is the rule's whole cost. The rest of the file is read
 * once (retry/file-nodes.ts), in a file that can set off a retry.
 */
function listen(file: RuleFile<MessageIds, Options>): void {
  /** Every node that writes an expiry word, for the first look at tests. */
  const expiryWords = collectNodes<TSESTree.Node>(file, EXPIRY_WORD_SELECTOR);
  /** The calls with a login or token method name, for the first look at refreshes. */
  const refreshNamed = collectNodes<TSESTree.CallExpression>(file, REFRESH_NAMED_CALL_SELECTOR);
  const writesRequestWord = mentions(file, REFRESH_REQUEST_WORDS);
  const namesApi = salesforceApiMentions(file);
  file.listeners['Program:exit'] = () => {
    const words = expiryWords();
    const refreshNamedCalls = refreshNamed();
    const requestWords = writesRequestWord();
    // An expired test needs an expiry word; a refresh is a token request or a SOAP login written in
    // the file, or a login- or token-named call of a jsforce, nforce or node-soap client, which only a
    // file naming one of them has.
    if (words.length === 0 && !requestWords && (refreshNamedCalls.length === 0 || !namesApi())) return;
    // The context only past the look: a rule's first read of its context in a file costs a
    // microsecond or two, more than the look itself in a file that has nothing.
    const { context } = file;
    const { sourceCode } = context;
    provideTriggerCandidates(sourceCode, { calls: refreshNamedCalls, words, requestWords });
    if (mayTriggerRetry(sourceCode)) analyse(context, fileNodes(sourceCode));
  };
}

/** The analyses, in a file that can set off a retry. */
function analyse(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, { calls, loops }: FileNodes): void {
  const { sourceCode } = context;

  /** `text && extra` / `text || extra`, with parentheses where the test would otherwise bind wrongly. */
  function combine(test: TSESTree.Expression, operator: '&&' | '||', extra: string): string {
    const text = sourceCode.getText(test);
    const target = unwrap(test);
    const loose =
      (target.type === AST_NODE_TYPES.LogicalExpression && (target.operator === '??' || (operator === '&&' && target.operator === '||'))) ||
      target.type === AST_NODE_TYPES.ConditionalExpression ||
      target.type === AST_NODE_TYPES.AssignmentExpression ||
      target.type === AST_NODE_TYPES.SequenceExpression ||
      target.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      target.type === AST_NODE_TYPES.YieldExpression;
    return `${loose ? `(${text})` : text} ${operator} ${extra}`;
  }

  /** Adds a condition to the test that guards the expired branch: `&& ok` when it holds there, `|| !ok` when it fails. */
  function guardFix(fixer: Fixer, origin: GuardOrigin, whenTrue: string, whenFalse: string): Fix | null {
    if (!origin.test) return null;
    return fixer.replaceText(origin.test, origin.holds ? combine(origin.test, '&&', whenTrue) : combine(origin.test, '||', whenFalse));
  }

  /** The editable expired guard of each path (its `if` / `?:` / `&&` test), or null if one has none. */
  function expiredOrigins(paths: readonly RetryPath[]): GuardOrigin[] | null {
    const origins = new Map<TSESTree.Node, GuardOrigin>();
    for (const path of paths) {
      if (path.trigger.kind !== 'expired') return null;
      const { origin } = path.trigger.guard;
      if (!EDITABLE_ORIGINS.has(origin.kind) || !origin.test) return null;
      origins.set(origin.node, origin);
    }
    return [...origins.values()];
  }

  /**
   * Can `name` be declared for `node` without clashing: not declared inside it, not read in it, and not
   * visible where it stands (no shadowing of an outer name).
   */
  function isNameFree(node: TSESTree.Node, name: string): boolean {
    const manager = sourceCode.scopeManager;
    if (!manager) return false;
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
      if (scope.set.has(name) && !contains(node, scope.block)) return false;
    }
    return manager.scopes.every(
      (scope) =>
        !(contains(node, scope.block) && scope.set.has(name)) &&
        !scope.references.some((reference) => reference.identifier.name === name && contains(node, reference.identifier)),
    );
  }

  /** The `(`…`)` around a function's parameters: the closing parenthesis, or null for `x => …`. */
  function closingParen(fn: FunctionNode): TSESTree.Token | null {
    let token = fn.returnType ? sourceCode.getTokenBefore(fn.returnType) : sourceCode.getTokenBefore(fn.body);
    if (token && fn.type === AST_NODE_TYPES.ArrowFunctionExpression && token.value === '=>') token = sourceCode.getTokenBefore(token);
    return token && token.value === ')' ? token : null;
  }

  /** The suggestion that adds a `retries` counter to a function that calls itself without a bound. */
  function counterSuggestion(fn: FunctionNode, paths: readonly RetryPath[]): TSESLint.ReportSuggestionArray<MessageIds> {
    const origins = expiredOrigins(paths);
    if (!origins) return [];
    if (fn.params.some((parameter) => parameter.type === AST_NODE_TYPES.RestElement || parameter.type === AST_NODE_TYPES.TSParameterProperty)) return [];
    if (fn.params.some((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this')) return [];
    const selfCalls = recursiveCalls(sourceCode, fn);
    if (selfCalls.some((call) => call.arguments.length !== fn.params.length || call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement))) {
      return [];
    }
    if (!isNameFree(fn, COUNTER)) return [];
    // A new parameter would change `arguments.length`.
    if ((sourceCode.scopeManager?.acquire(fn)?.set.get('arguments')?.references.length ?? 0) > 0) return [];
    const paren = closingParen(fn);
    const lastParameter = fn.params.at(-1);
    if (!paren && !(fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.params.length === 1 && lastParameter)) return [];
    const retryCalls = new Set(paths.map((path) => path.node as TSESTree.CallExpression));
    return [
      {
        messageId: 'addRetryCounter',
        fix(fixer) {
          const fixes: Fix[] = [];
          if (paren) {
            fixes.push(lastParameter ? fixer.insertTextAfter(lastParameter, `, ${COUNTER} = 1`) : fixer.insertTextBefore(paren, `${COUNTER} = 1`));
          } else if (lastParameter) {
            fixes.push(fixer.replaceText(lastParameter, `(${sourceCode.getText(lastParameter)}, ${COUNTER} = 1)`));
          }
          for (const origin of origins) {
            const fix = guardFix(fixer, origin, `${COUNTER} > 0`, `${COUNTER} <= 0`);
            if (fix) fixes.push(fix);
          }
          for (const call of retryCalls) {
            const lastArgument = call.arguments.at(-1);
            if (lastArgument) fixes.push(fixer.insertTextAfter(lastArgument, `, ${COUNTER} - 1`));
            else fixes.push(fixer.insertTextBefore(sourceCode.getLastToken(call)!, `${COUNTER} - 1`));
          }
          return fixes;
        },
      },
    ];
  }

  /** The suggestion that replaces `while (true)` / `for (;;)` by a loop of two attempts, retrying only on the first. */
  function loopSuggestion(loop: Loop, paths: readonly RetryPath[]): TSESLint.ReportSuggestionArray<MessageIds> {
    const forever =
      (loop.type === AST_NODE_TYPES.WhileStatement && loop.test.type === AST_NODE_TYPES.Literal && loop.test.value === true) ||
      (loop.type === AST_NODE_TYPES.ForStatement && !loop.init && !loop.test && !loop.update);
    if (!forever) return [];
    const origins = expiredOrigins(paths);
    if (!origins || !isNameFree(loop, ATTEMPT)) return [];
    const paren = sourceCode.getTokenBefore(loop.body);
    if (paren?.value !== ')') return [];
    return [
      {
        messageId: 'boundLoop',
        fix(fixer) {
          const fixes: Fix[] = [fixer.replaceTextRange([loop.range[0], paren.range[1]], `for (let ${ATTEMPT} = 0; ${ATTEMPT} < 2; ${ATTEMPT} += 1)`)];
          for (const origin of origins) {
            const fix = guardFix(fixer, origin, `${ATTEMPT} < 1`, `${ATTEMPT} >= 1`);
            if (fix) fixes.push(fix);
          }
          return fixes;
        },
      },
    ];
  }

  /** Does a guard on the path already test the replay flag (`!config._retry`)? */
  function checksFlag(guards: readonly Guard[]): boolean {
    return guards.some((guard) => {
      if (guard.kind !== 'condition') return false;
      const test = unwrap(guard.test);
      return test.type === AST_NODE_TYPES.MemberExpression && memberName(test) === FLAG;
    });
  }

  /**
   * The statement to put `error.config._retry = true;` before: the first one of the expired branch
   * (`if (expired) { ← here`, or right after `if (!expired) return …;`), else the replay's own statement.
   */
  function flagStatement(origin: GuardOrigin, replay: TSESTree.Node, handler: TSESTree.Node): TSESTree.Statement | null {
    const branch = origin.node;
    if (origin.kind === 'if' && branch.type === AST_NODE_TYPES.IfStatement) {
      const block = origin.holds ? branch.consequent : branch.alternate;
      if (block?.type === AST_NODE_TYPES.BlockStatement && contains(block, replay) && block.body[0]) return block.body[0];
    }
    if (origin.kind === 'early-exit' && branch.parent?.type === AST_NODE_TYPES.BlockStatement) {
      const siblings = branch.parent.body;
      const next = siblings[siblings.indexOf(branch as TSESTree.Statement) + 1];
      if (next && next.range[0] <= replay.range[0]) return next;
    }
    for (let current: TSESTree.Node = replay; current !== handler && current.parent; current = current.parent) {
      if (current.parent.type === AST_NODE_TYPES.BlockStatement) return current as TSESTree.Statement;
    }
    return null;
  }

  /** The suggestion that guards an interceptor's replay with the `_retry` flag. */
  function flagSuggestion(path: RetryPath): TSESLint.ReportSuggestionArray<MessageIds> {
    const handler = path.region as FunctionNode;
    const errorParameter = handler.params[0];
    if (errorParameter?.type !== AST_NODE_TYPES.Identifier) return [];
    const origins = expiredOrigins([path]);
    if (!origins) return [];
    const replay = path.node as TSESTree.CallExpression;
    const argument = replay.arguments[0];
    const statement = flagStatement(origins[0]!, replay, handler);
    const hasCheck = checksFlag(path.guards);
    // The config as the code names it: the replayed alias (`originalRequest`) where it is in scope, else `error.config`.
    const places = [...(hasCheck ? [] : origins.map((origin) => origin.test!)), ...(statement ? [statement] : [])];
    const names = [argument?.type === AST_NODE_TYPES.Identifier ? argument : null, errorParameter].filter((name): name is TSESTree.Identifier => name !== null);
    const usable = names.find((name) => {
      const variable = ASTUtils.findVariable(sourceCode.getScope(name), name);
      return variable !== null && places.every((place) => ASTUtils.findVariable(sourceCode.getScope(place), name.name) === variable && variable.defs.every((definition) => definition.name.range[1] <= place.range[0]));
    });
    if (!usable || (!statement && !argument)) return [];
    const flag = `${usable === errorParameter ? `${errorParameter.name}.config` : usable.name}.${FLAG}`;
    return [
      {
        messageId: 'addRetryFlag',
        data: { flag },
        fix(fixer) {
          const fixes: Fix[] = [];
          if (!hasCheck) {
            for (const origin of origins) {
              const fix = guardFix(fixer, origin, `!${flag}`, flag);
              if (fix) fixes.push(fix);
            }
          }
          if (statement) {
            const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
            const indent = line.slice(0, statement.loc.start.column);
            fixes.push(fixer.insertTextBefore(statement, /^\s*$/u.test(indent) ? `${flag} = true;\n${indent}` : `${flag} = true; `));
          } else if (argument) {
            fixes.push(fixer.replaceText(argument, `{ ...${sourceCode.getText(argument)}, ${FLAG}: true }`));
          }
          return fixes;
        },
      },
    ];
  }

  /** Where a loop is reported: its head, `while (…)` / `for (…)`, or a do-while's `while (…)`. */
  function loopHead(loop: Loop): TSESTree.SourceLocation {
    if (loop.type === AST_NODE_TYPES.DoWhileStatement) {
      const keyword = sourceCode.getTokenAfter(loop.body);
      let last = sourceCode.getLastToken(loop);
      if (last?.value === ';') last = sourceCode.getTokenBefore(last);
      return { start: (keyword ?? loop).loc.start, end: (last ?? loop).loc.end };
    }
    const paren = sourceCode.getTokenBefore(loop.body);
    return { start: loop.loc.start, end: (paren ?? loop).loc.end };
  }

  /** Calls judged as a function calling itself: a cycle through them is not judged again. */
  const judged = new Set<TSESTree.Node>();

  function checkRecursion(): void {
    const byFunction = new Map<FunctionNode, RetryPath[]>();
    for (const call of calls) {
      const path = recursiveRetry(sourceCode, call);
      if (path) judged.add(call);
      if (path?.verdict !== 'unbounded') continue;
      const fn = path.region as FunctionNode;
      addToList(byFunction, fn, path);
    }
    for (const [fn, paths] of byFunction) {
      const suggest = counterSuggestion(fn, paths);
      for (const path of paths) context.report({ node: path.node, messageId: 'unboundedRecursion', suggest });
    }
  }

  function checkCycles(): void {
    const reported = new Set<TSESTree.Node>();
    for (const path of cycleRetries(sourceCode)) {
      if (path.verdict !== 'unbounded' || judged.has(path.node) || reported.has(path.node)) continue;
      reported.add(path.node);
      context.report({ node: path.node, messageId: 'unboundedRecursion' });
    }
  }

  function checkLoops(): void {
    for (const loop of loops) {
      const unbounded = loopRetries(sourceCode, loop).filter((path) => path.verdict === 'unbounded');
      if (unbounded.length === 0) continue;
      const suggest = loopSuggestion(loop, unbounded);
      const reported = new Set<TSESTree.Node>();
      for (const path of unbounded) {
        if (reported.has(path.node)) continue;
        reported.add(path.node);
        if (path.kind === 'continue') context.report({ node: path.node, messageId: 'unboundedContinue', suggest });
        else context.report({ loc: loopHead(loop), messageId: 'unboundedLoop', suggest });
      }
    }
  }

  function checkInterceptors(): void {
    for (const path of interceptorRetries(sourceCode)) {
      if (path.verdict === 'unbounded') context.report({ node: path.node, messageId: 'unboundedReplay', suggest: flagSuggestion(path) });
    }
  }

  /** ky hooks have no flag of their own to set: no suggestion. */
  function checkHooks(): void {
    for (const path of hookRetries(sourceCode)) {
      if (path.verdict === 'unbounded') context.report({ node: path.node, messageId: 'unboundedReplay' });
    }
  }

  function checkLibraries(): void {
    for (const path of libraryRetries(sourceCode)) {
      if (path.verdict === 'unbounded') context.report({ node: path.node, messageId: 'unboundedLibrary' });
    }
  }

  checkRecursion();
  checkCycles();
  checkLoops();
  checkInterceptors();
  checkHooks();
  checkLibraries();
}
