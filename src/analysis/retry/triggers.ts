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
 * `mayTestExpiry`), since no test can mean "expired" without one; and then only the tests those words
 * reach, in them or through the constants, variables and predicate functions that carry their values
 * (`testsAround`), class methods and fields through the member reads of their names. The file's every
 * test is read (file-nodes.ts, a walk of the whole file) only when a value goes where that reach does
 * not follow, such as an export, a default value or a member read by a computed key.
 *
 * A file with neither cannot hold a retry, whatever its functions do, so the retry analyses (recursion,
 * cycles through the file's call graph, loops, interceptors) skip it before building anything: in most
 * files that write a session word, nothing tests for an expired session.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FileNodes } from '../core/file-nodes';

import { unwrap, variableOf } from '../core/ast';
import { isFunctionNode } from '../core/call-targets';
import { mayTestExpiry } from '../core/mentions';
import { isExpiredTest } from './expired-branches';
import { isExpiredSwitchCase } from './session-checks';
import { holdsDirectRefresh } from './session-refresh';
import { fileNodes, triggerTestOf } from '../core/file-nodes';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** The file's tests: `if`, `?:`, `&&` / `||` (its left side), `while`, `do … while` and `for` tests, and `case` tests. */
type FileTests = Pick<FileNodes, 'tests' | 'switchCases'>;

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
  return { calls: fileNodes(sourceCode).calls };
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

/** A name that carries a value on: a variable (or function), or a class member by its key. */
type Carrier = Variable | { readonly member: TSESTree.Node };

/**
 * Where a class member's value is read: every member access with its name (`this.isExpired(res)`,
 * `client.isExpired`, `super.isExpired()`), whatever object it is on, since which class an object
 * belongs to is not known here. Found by a search of the text for the name, each hit looked up in the
 * tree; null when the name is also read another way (destructured, by a computed key), is read
 * more than MAX_FOLLOWED times, or is written more than four times that often.
 */
function memberReads(sourceCode: SourceCode, key: TSESTree.Node): TSESTree.Node[] | null {
  const name = key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier ? key.name : null;
  if (name === null) return null;
  const reads: TSESTree.Node[] = [];
  const pattern = new RegExp(`(?<![\\w$])${name.replace(/\$/gu, '\\$')}(?![\\w$])`, 'gu');
  let looked = 0;
  for (const match of sourceCode.text.matchAll(pattern)) {
    // Each hit is a lookup in the tree: a name written everywhere (`get`) is not worth them.
    looked += 1;
    if (looked > 4 * MAX_FOLLOWED) return null;
    const node = sourceCode.getNodeByRangeIndex(match.index) as TSESTree.Node | null;
    if (!node || node === key) continue;
    const { parent } = node;
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.PrivateIdentifier) {
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) {
        if (reads.length >= MAX_FOLLOWED) return null;
        reads.push(parent);
      } else if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
        return null;
      }
    } else if (node.type === AST_NODE_TYPES.Literal && parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node) {
      return null;
    }
  }
  return reads;
}

/** How many names the reach of the words follows (see `testsAround`) before it reads every test instead. */
const MAX_FOLLOWED = 32;

/** Type-only nodes hold no value; these wrap one that they pass on. */
const TS_VALUE_WRAPPERS: ReadonlySet<string> = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSInstantiationExpression,
]);

/**
 * Where the value of an expression outside any test goes: the name that holds it (a variable it
 * initialises or is assigned to, the name of a function that returns it), `'nowhere'` when it ends in
 * a statement that keeps no value (`console.log('401 …')`, `throw new Error('401')`, a type), or null
 * when it goes somewhere the reach does not follow (a class member, an export, a field, a default).
 * The value climbs through every expression that can pass it on: a call's argument or callee, an
 * array, an object, a template, an operator, a function that returns it.
 */
function carrierOf(sourceCode: SourceCode, node: TSESTree.Node): Carrier | 'nowhere' | null {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.VariableDeclarator:
        // A word that names a binding (`const UNAUTHORIZED = …`) is written again at each read.
        if (parent.id === child) return 'nowhere';
        return parent.id.type === AST_NODE_TYPES.Identifier ? declaredVariable(sourceCode, parent, parent.id.name) : null;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.left === child) return 'nowhere';
        return parent.left.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, parent.left) : null;
      case AST_NODE_TYPES.ReturnStatement: {
        // The function's value: climb on from the function itself (the next step reads its parent).
        let fn: TSESTree.Node | undefined = parent.parent;
        while (fn && !isFunctionNode(fn)) fn = fn.parent;
        if (!fn) return 'nowhere';
        if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? declaredVariable(sourceCode, fn, fn.id.name) : null;
        parent = fn;
        break;
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
        // `(r) => r.status === CODE`: the body is the function's value. A parameter's name is written
        // again at each read; its default is a value the reach does not follow.
        if (parent.body === child && parent.type === AST_NODE_TYPES.ArrowFunctionExpression) break;
        return parent.id === child || parent.params.includes(child as TSESTree.Parameter) ? 'nowhere' : null;
      case AST_NODE_TYPES.MethodDefinition:
      case AST_NODE_TYPES.PropertyDefinition:
        if (parent.key === child && !parent.computed) return 'nowhere';
        // A method's value (or a field's) goes wherever its name is read as a member.
        return parent.value === child && !parent.computed && (parent.type !== AST_NODE_TYPES.MethodDefinition || parent.kind !== 'set') ? { member: parent.key } : null;
      case AST_NODE_TYPES.AccessorProperty:
        return parent.key === child && !parent.computed ? 'nowhere' : null;
      case AST_NODE_TYPES.MemberExpression:
        // A computed key (`codes[401]`) picks an element: the value read is not the word's.
        if (parent.computed && parent.property === child) return 'nowhere';
        break;
      case AST_NODE_TYPES.AssignmentPattern:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.TSEnumMember:
      case AST_NODE_TYPES.TSExportAssignment:
      case AST_NODE_TYPES.TSParameterProperty:
        return null;
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.CatchClause:
      case AST_NODE_TYPES.Decorator:
        return 'nowhere';
      default:
        if (parent.type.endsWith('Statement')) return 'nowhere';
        if (parent.type.startsWith('TS') && !TS_VALUE_WRAPPERS.has(parent.type)) return 'nowhere';
    }
  }
  return 'nowhere';
}

function declaredVariable(sourceCode: SourceCode, declaration: TSESTree.Node, name: string): Variable | null {
  return sourceCode.getDeclaredVariables(declaration).find((variable) => variable.name === name) ?? null;
}

/**
 * The tests and `case`s the expiry words can reach. A word in a test reaches the tests around it. A
 * word elsewhere reaches a test only through a name, the only way a test reads a value it does not
 * write (expired-branches.ts follows constants, `const expired = …` and predicates written in the
 * file): its value goes on from each read of the name that carries it (carrierOf), a constant or a
 * predicate function or a class member (`memberReads`), until it stands in a test or ends in a
 * statement. Null when a value goes somewhere the reach does not follow (an export, a default, a field
 * of an object, a member read by a computed key or destructured), or through more than
 * MAX_FOLLOWED names: then every test of the file is looked at.
 */
export function testsAround(sourceCode: SourceCode, words: readonly TSESTree.Node[]): FileTests | null {
  const tests: TSESTree.Node[] = [];
  const switchCases: TSESTree.SwitchCase[] = [];
  const followed = new Set<Variable | TSESTree.Node>();
  const queue: TSESTree.Node[] = [...words];
  for (let node = queue.pop(); node; node = queue.pop()) {
    let inTest = false;
    for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test === child) switchCases.push(parent);
      else if (triggerTestOf(parent) === child) tests.push(child);
      else continue;
      inTest = true;
    }
    if (inTest) continue;
    const carrier = carrierOf(sourceCode, node);
    if (carrier === 'nowhere') continue;
    const key = carrier && 'member' in carrier ? carrier.member : carrier;
    if (key && followed.has(key)) continue;
    if (!carrier || !key || followed.size >= MAX_FOLLOWED) return null;
    followed.add(key);
    if ('member' in carrier) {
      const reads = memberReads(sourceCode, carrier.member);
      if (!reads) return null;
      queue.push(...reads);
    } else {
      for (const reference of carrier.references) if (reference.isRead()) queue.push(reference.identifier as TSESTree.Identifier);
    }
  }
  return { tests, switchCases };
}

function decide(sourceCode: SourceCode, candidates: TriggerCandidates): boolean {
  const { words } = candidates;
  if (words ? words.length > 0 : mayTestExpiry(sourceCode)) {
    const { tests, switchCases } = (words && testsAround(sourceCode, words)) ?? fileNodes(sourceCode);
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
