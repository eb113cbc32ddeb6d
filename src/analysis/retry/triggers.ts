/**
 * Can anything in the file set off a retry? A retry path starts at a *trigger* (bounds.ts `triggerOf`):
 * an expired guard, or a refresh in a catch-all handler. Both need something written in the file:
 *
 * - an expired guard is a test of an `if` / `?:` / `&&` / `||` / loop, or a `case`, that means "the
 *   session expired" (expired-branches.ts builds guards from exactly these tests, split through `!`,
 *   `&&` and `||`);
 * - a refresh is a call that refreshes the session itself, or a call of a function of the file that
 *   does one (session-refresh.ts): either way the file holds a call that refreshes by itself.
 *
 * Tests are looked at only in a file that writes a 401 or an expired-session code (the nodes a rule's
 * traversal picked with core/mentions.ts `expiryWordSelector`, else a search of the text,
 * `mayTestExpiry`), since no test can mean "expired" without one; and when every such word stands in a
 * test, only those tests. The file's other tests are read (file-nodes.ts) only when a word stands elsewhere.
 *
 * A file with neither cannot hold a retry, whatever its functions do, so the retry analyses (recursion,
 * cycles through the file's call graph, loops, interceptors) skip it before building anything: in most
 * files that write a session word, nothing tests for an expired session.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { RetryFileNodes } from './file-nodes';

import { unwrap } from '../core/ast';
import { mayTestExpiry } from '../core/mentions';
import { isExpiredTest } from './expired-branches';
import { isExpiredSwitchCase } from './session-checks';
import { holdsDirectRefresh } from './session-refresh';
import { retryFileNodes, triggerTestOf } from './file-nodes';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The file's tests: `if`, `?:`, `&&` / `||` (its left side), `while`, `do … while` and `for` tests, and `case` tests. */
type FileTests = Pick<RetryFileNodes, 'tests' | 'switchCases'>;

/** What the gate looks at: the file's tests (see the file comment) and its calls. */
export interface TriggerCandidates {
  /** The file's calls, or at least those with a login or token method name (session-refresh.ts `REFRESH_NAMED_CALL_SELECTOR`). */
  readonly calls: readonly TSESTree.CallExpression[];
  /** The nodes that write an expiry word (core/mentions.ts `expiryWordSelector`), when the traversal collected them. */
  readonly words?: readonly TSESTree.Node[];
  /** Does a string of the file write a token path or the SOAP login namespace (core/mentions.ts `REFRESH_REQUEST_WORDS`), when the traversal looked? */
  readonly requestWords?: boolean;
}

const provided = new WeakMap<SourceCode, TriggerCandidates>();
const answers = new WeakMap<SourceCode, boolean>();

/** For a rule that has already traversed the file: its tests and calls, so the gate needs no walk. */
export function provideTriggerCandidates(sourceCode: SourceCode, candidates: TriggerCandidates): void {
  if (!answers.has(sourceCode)) provided.set(sourceCode, candidates);
}

/** For a caller whose traversal collected nothing: the file's calls, from the one walk of file-nodes.ts. */
function collect(sourceCode: SourceCode): TriggerCandidates {
  return { calls: retryFileNodes(sourceCode).calls };
}

/** Does a test, or any part of it through `!`, `&&` and `||`, mean "the session expired" (either way round)? */
function holdsExpiredTest(sourceCode: SourceCode, test: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [test];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isExpiredTest(sourceCode, node)) return true;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') stack.push(target.argument);
    else if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '??') stack.push(target.left, target.right);
  }
  return false;
}

/**
 * The tests and `case`s that hold the expiry words, when every word stands in one. A word anywhere else
 * (a predicate's return, a constant, an alias, an assertion) may reach any test through a call or a
 * name: null, and every test is looked at.
 */
function testsAround(words: readonly TSESTree.Node[]): FileTests | null {
  const tests: TSESTree.Node[] = [];
  const switchCases: TSESTree.SwitchCase[] = [];
  for (const word of words) {
    let inTest = false;
    for (let child: TSESTree.Node = word, parent = word.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test === child) switchCases.push(parent);
      else if (triggerTestOf(parent) === child) tests.push(child);
      else continue;
      inTest = true;
    }
    if (!inTest) return null;
  }
  return { tests, switchCases };
}

function decide(sourceCode: SourceCode, candidates: TriggerCandidates): boolean {
  const { words } = candidates;
  if (words ? words.length > 0 : mayTestExpiry(sourceCode)) {
    const { tests, switchCases } = (words && testsAround(words)) ?? retryFileNodes(sourceCode);
    if (tests.some((test) => holdsExpiredTest(sourceCode, test)) || switchCases.some((switchCase) => isExpiredSwitchCase(sourceCode, switchCase))) return true;
  }
  return holdsDirectRefresh(sourceCode, candidates.calls, candidates.requestWords);
}

/** Can the file hold a retry trigger at all (see the file comment)? A necessary condition; once per file. */
export function mayTriggerRetry(sourceCode: SourceCode): boolean {
  let answer = answers.get(sourceCode);
  if (answer === undefined) {
    answer = decide(sourceCode, provided.get(sourceCode) ?? collect(sourceCode));
    answers.set(sourceCode, answer);
    provided.delete(sourceCode);
  }
  return answer;
}
