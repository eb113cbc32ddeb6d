/**
 * Does the module log in again when the session from a SOAP login expires?
 *
 * Re-login handling is a path that recognises the expired session and runs the same login again:
 * inside an *expired branch* (the branch of an `if`, `?:`, `&&`/`||` or `switch` case that a
 * session-expired check from `session-checks.ts` selects, also through a local predicate function such
 * as `isSessionExpired(err)`, the body of a loop on such a check, and the rest of a block after
 * `if (!expired) return;`), a login of the same group (see `soap-logins.ts`), or a call to a local
 * function that performs one. A jsforce `refreshFn` counts as such a branch (jsforce calls it when the
 * session expired), and a connection configured with one renews its own logins. The expired branches
 * are found with one walk per file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { SessionExpiredTest } from '../retry/session-checks';
import type { SoapLogin } from './soap-logins';

import { hasProperty, isGlobalMethodCall, memberName, propertyValue, unwrap, walkFile } from '../core/ast';
import { calledFunction, functionValue, isFunctionNode } from '../core/call-targets';
import { alwaysExits } from '../retry/expired-branches';
import { callGraph } from '../http/regions';
import { httpModel } from '../http/http-calls';
import { isExpiredSwitchCase, sessionExpiredTest } from '../retry/session-checks';
import { isLoginOfGroup, loginPerformers } from './soap-logins';

type SourceCode = Readonly<TSESLint.SourceCode>;

interface ReloginFacts {
  /** Calls written inside an expired branch. */
  readonly calls: readonly TSESTree.CallExpression[];
  /** Does a jsforce Streaming `AuthFailure` callback end the process (`process.exit`), leaving the fresh login to its supervisor? */
  readonly exitsOnAuthFailure: boolean;
  /** Local functions handed over to run on expiry (`refreshFn: relogin`). */
  readonly functions: readonly FunctionNode[];
}

const cache = new WeakMap<SourceCode, ReloginFacts>();

function negate(test: SessionExpiredTest | null): SessionExpiredTest | null {
  return test && { signal: test.signal, negated: !test.negated };
}

/** The expression a function returns, when it has exactly one `return` (or an expression body). */
function returnedExpression(fn: FunctionNode): TSESTree.Expression | null {
  if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) return fn.body ?? null;
  const statements = fn.body.body;
  const last = statements.at(-1);
  return statements.length === 1 && last?.type === AST_NODE_TYPES.ReturnStatement ? last.argument : null;
}

/**
 * A session-expired test, also through `await`, `!`, `&&`/`||` and a call to a local predicate
 * (`isSessionExpired(err)` whose body returns such a test).
 */
export function expiredTest(sourceCode: SourceCode, node: TSESTree.Node): SessionExpiredTest | null {
  const direct = sessionExpiredTest(sourceCode, node);
  if (direct) return direct;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return expiredTest(sourceCode, target.argument);
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '!' ? negate(expiredTest(sourceCode, target.argument)) : null;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = expiredTest(sourceCode, target.left);
      const right = expiredTest(sourceCode, target.right);
      if (target.operator === '&&') return [left, right].find((test) => test && !test.negated) ?? null;
      if (target.operator === '||') return [left, right].find((test) => test?.negated) ?? null;
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const fn = calledFunction(sourceCode, target);
      const returned = fn ? returnedExpression(fn) : null;
      return returned ? sessionExpiredTest(sourceCode, returned) : null;
    }
    default:
      return null;
  }
}

/** The statements after `statement` in its block, when it sits in one. */
function followingStatements(statement: TSESTree.Statement): readonly TSESTree.Node[] {
  const parent = statement.parent;
  const list: readonly TSESTree.Node[] | null =
    parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.StaticBlock
      ? parent.body
      : parent?.type === AST_NODE_TYPES.SwitchCase
        ? parent.consequent
        : null;
  if (!list) return [];
  const index = list.indexOf(statement);
  return index < 0 ? [] : list.slice(index + 1);
}

function reloginFacts(sourceCode: SourceCode): ReloginFacts {
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const branches = new Set<TSESTree.Node>();
  const calls: TSESTree.CallExpression[] = [];
  const functions: FunctionNode[] = [];

  // jsforce's Streaming `AuthFailure` extension runs its callback when the server rejects the session.
  const authFailures: TSESTree.Node[] = [];
  const authFailure = (node: TSESTree.NewExpression): void => {
    const callee = unwrap(node.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
    const [callback] = node.arguments;
    if (name !== 'AuthFailure' || !callback) return;
    const target = unwrap(callback);
    const fn = isFunctionNode(target) ? target : functionValue(sourceCode, target);
    if (fn) {
      branches.add(fn);
      authFailures.push(fn);
    }
  };

  // jsforce runs `refreshFn` when a request finds the session expired.
  for (const connection of httpModel(sourceCode).connections) {
    const refresh = propertyValue(connection.options, 'refreshFn');
    if (!refresh) continue;
    const target = unwrap(refresh);
    if (isFunctionNode(target)) branches.add(target);
    else {
      const fn = functionValue(sourceCode, target);
      if (fn) functions.push(fn);
    }
  }

  const branch = (test: TSESTree.Node, whenExpired: TSESTree.Node | null, whenLive: TSESTree.Node | null): SessionExpiredTest | null => {
    const result = expiredTest(sourceCode, test);
    const taken = result && (result.negated ? whenLive : whenExpired);
    if (taken) branches.add(taken);
    return result;
  };

  const mark = (node: TSESTree.Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.IfStatement: {
        const result = branch(node.test, node.consequent, node.alternate);
        // `if (!expired) return …; relogin();`
        if (result?.negated && alwaysExits(node.consequent)) for (const statement of followingStatements(node)) branches.add(statement);
        // `if (expired) { … } else return;` needs nothing more: the consequent is the branch.
        return;
      }
      case AST_NODE_TYPES.ConditionalExpression:
        branch(node.test, node.consequent, node.alternate);
        return;
      case AST_NODE_TYPES.LogicalExpression: {
        const result = expiredTest(sourceCode, node.left);
        if (result && (node.operator === '&&' ? !result.negated : node.operator === '||' && result.negated)) branches.add(node.right);
        return;
      }
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        // `while (res.status === 401) { await login(); … }` (whether it is bounded is another rule's question)
        if (node.test) branch(node.test, node.body, null);
        return;
      case AST_NODE_TYPES.SwitchCase:
        if (isExpiredSwitchCase(sourceCode, node)) for (const statement of node.consequent) branches.add(statement);
        return;
      case AST_NODE_TYPES.NewExpression:
        authFailure(node);
        return;
      default:
        return;
    }
  };

  // One walk, parents before children: a node is inside an expired branch when it is one or its parent is.
  const inside = new WeakSet<TSESTree.Node>();
  walkFile(sourceCode, (node) => {
    if (branches.has(node) || (node.parent && inside.has(node.parent))) {
      inside.add(node);
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
    }
    mark(node);
  });

  const exitsOnAuthFailure = calls.some((call) => isGlobalMethodCall(sourceCode, call, 'process', 'exit') && authFailures.some((fn) => fn.range[0] <= call.range[0] && call.range[1] <= fn.range[1]));
  const facts: ReloginFacts = { calls, exitsOnAuthFailure, functions };
  cache.set(sourceCode, facts);
  return facts;
}

/**
 * Does the module run `login` again (the same login) on a path that found the session expired? A jsforce
 * Streaming `AuthFailure` callback that ends the process counts: the process supervisor starts a fresh one,
 * which logs in again.
 */
export function hasRelogin(sourceCode: SourceCode, login: SoapLogin): boolean {
  if (login.connection?.options && hasProperty(login.connection.options, 'refreshFn')) return true;
  const { calls, exitsOnAuthFailure, functions } = reloginFacts(sourceCode);
  if (login.kind === 'jsforce' && exitsOnAuthFailure) return true;
  if (calls.length === 0 && functions.length === 0) return false;
  const performers = loginPerformers(sourceCode, login);
  const { callee } = callGraph(sourceCode);
  return (
    calls.some((call) => {
      if (isLoginOfGroup(sourceCode, call, login)) return true;
      const fn = callee.get(call);
      return fn !== undefined && performers.has(fn);
    }) || functions.some((fn) => performers.has(fn))
  );
}
