/**
 * What tests "the session expired": an HTTP 401 read from a response or error (`res.status`,
 * `response.statusCode`, `err.response?.status`), compared with `401` directly or through a constant
 * (`HTTP_UNAUTHORIZED`, `StatusCodes.UNAUTHORIZED`); `INVALID_SESSION_ID` matched in an error code,
 * name, message, SOAP fault or body text (`===`, `includes`, `indexOf`, `RegExp#test`, `match`); and
 * Bulk API 1.0's `InvalidSessionId`, and `Bad_OAuth_Token` (a token the org no longer accepts). Facts: shared/reference/salesforce-facts.md §A.6, §C.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';

import { memberName, propertyValue, unwrap, walk } from '../core/ast';
import { calledFunction, isFunctionNode } from '../core/call-targets';
import { identifierSources } from '../core/bindings';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type ExpiredSignal = 'http-401' | 'invalid-session-id';

export interface SessionExpiredTest {
  readonly signal: ExpiredSignal;
  /** True when the expression is true for a live session (`res.status !== 401`, `!isExpired`). */
  readonly negated: boolean;
}

const UNAUTHORIZED = 401;
/** Error codes Salesforce returns for an expired or invalid session (REST/SOAP, Bulk API 1.0, and a rejected OAuth token). */
const EXPIRED_CODES = /INVALID_SESSION_ID|InvalidSessionId|Bad_OAuth_Token/u;
const STATUS_FIELDS = new Set(['status', 'statusCode']);
const UNAUTHORIZED_NAMES = /^(?:UNAUTHORIZED|Unauthorized|HTTP_UNAUTHORIZED|UNAUTHORISED|Unauthorised)$/u;
const EQUALITY = new Set(['===', '==', '!==', '!=']);
const TEXT_SEARCH = new Set(['includes', 'startsWith', 'endsWith', 'match', 'matchAll', 'search']);

/** Answers of `isStatusRead`, per node: names are followed through their values once (`a = b; b = a` must not loop). */
const statusReads = new WeakMap<TSESTree.Node, boolean>();

/** Does an expression read an HTTP status (`res.status`, `err.response?.status`, a destructured `status`)? */
export function isStatusRead(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  const known = statusReads.get(target);
  if (known !== undefined) return known;
  statusReads.set(target, false);
  const result = readsStatus(sourceCode, target);
  statusReads.set(target, result);
  return result;
}

function readsStatus(sourceCode: SourceCode, target: TSESTree.Node): boolean {
  if (target.type === AST_NODE_TYPES.MemberExpression) return STATUS_FIELDS.has(memberName(target) ?? '');
  // res.status ?? res.statusCode
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&') {
    return isStatusRead(sourceCode, target.left) && isStatusRead(sourceCode, target.right);
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (STATUS_FIELDS.has(target.name)) return true;
    const sources = identifierSources(sourceCode, target);
    return sources.some(
      (source) =>
        (source.kind === 'property' && STATUS_FIELDS.has(source.path.at(-1) ?? '')) ||
        (source.kind === 'expression' && isStatusRead(sourceCode, source.node)),
    );
  }
  return false;
}

/** Is an expression the number 401, written out, held by a constant, or an `UNAUTHORIZED` enum member? */
export function isUnauthorizedStatus(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  const value = ASTUtils.getStaticValue(target, sourceCode.getScope(target));
  if (value && (value.value === UNAUTHORIZED || value.value === String(UNAUTHORIZED))) return true;
  if (target.type === AST_NODE_TYPES.MemberExpression) return UNAUTHORIZED_NAMES.test(memberName(target) ?? '');
  if (target.type === AST_NODE_TYPES.Identifier) return UNAUTHORIZED_NAMES.test(target.name);
  return false;
}

/** Is an expression a string or pattern that names the expired-session error code? */
function namesExpiredCode(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && 'regex' in target && target.regex) {
    return EXPIRED_CODES.test(target.regex.pattern);
  }
  const value = ASTUtils.getStaticValue(target, sourceCode.getScope(target));
  if (value && typeof value.value === 'string') return EXPIRED_CODES.test(value.value);
  if (value && value.value instanceof RegExp) return EXPIRED_CODES.test(value.value.source);
  return false;
}

function negate(test: SessionExpiredTest | null): SessionExpiredTest | null {
  return test && { signal: test.signal, negated: !test.negated };
}

/**
 * Does this expression test that the session expired? Returns the signal and whether the test is
 * negated (true for a live session), or null. Understands `!`, `&&` and `||` around such tests.
 */
export function sessionExpiredTest(sourceCode: SourceCode, node: TSESTree.Node): SessionExpiredTest | null {
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '!' ? negate(sessionExpiredTest(sourceCode, target.argument)) : null;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = sessionExpiredTest(sourceCode, target.left);
      const right = sessionExpiredTest(sourceCode, target.right);
      // `expired && !retried` is true only when expired; `res.status !== 401 || retried` only when live
      // or retried. A mixed expression takes the side that decides its true branch.
      if (target.operator === '&&') return [left, right].find((test) => test && !test.negated) ?? left ?? right;
      if (target.operator === '||') return [left, right].find((test) => test?.negated) ?? left ?? right;
      return null;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const { left, right, operator } = target;
      if (left.type === AST_NODE_TYPES.PrivateIdentifier) return null;
      if (EQUALITY.has(operator)) {
        const negated = operator.startsWith('!');
        if ((isStatusRead(sourceCode, left) && isUnauthorizedStatus(sourceCode, right)) || (isStatusRead(sourceCode, right) && isUnauthorizedStatus(sourceCode, left))) {
          return { signal: 'http-401', negated };
        }
        if (namesExpiredCode(sourceCode, left) || namesExpiredCode(sourceCode, right)) {
          return { signal: 'invalid-session-id', negated };
        }
        // `text.indexOf('INVALID_SESSION_ID') !== -1` / `=== -1`
        const search = [left, right].map(unwrap).find((side) => side.type === AST_NODE_TYPES.CallExpression);
        if (search && sessionExpiredTest(sourceCode, search)) {
          const other = search === unwrap(left) ? right : left;
          const minusOne = ASTUtils.getStaticValue(other, sourceCode.getScope(other))?.value === -1;
          return { signal: 'invalid-session-id', negated: minusOne ? !negated : negated };
        }
        return null;
      }
      if (operator === '>' || operator === '>=') {
        const call = unwrap(left);
        if (call.type === AST_NODE_TYPES.CallExpression && sessionExpiredTest(sourceCode, call)) return { signal: 'invalid-session-id', negated: false };
      }
      return null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(target.callee);
      // isExpired(res), this.isSessionExpired(res), auth.isAuthError(err): a predicate written in the file.
      const predicate = calledFunction(sourceCode, target);
      if (predicate) return predicateTest(sourceCode, predicate);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const name = memberName(callee);
      const [first] = target.arguments;
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
      // text.includes('INVALID_SESSION_ID'), text.match(/INVALID_SESSION_ID/), text.indexOf(…)
      if ((name !== null && TEXT_SEARCH.has(name)) || name === 'indexOf') {
        return namesExpiredCode(sourceCode, first) ? { signal: 'invalid-session-id', negated: false } : null;
      }
      // /INVALID_SESSION_ID/.test(text)
      if (name === 'test' || name === 'exec') {
        return namesExpiredCode(sourceCode, callee.object) ? { signal: 'invalid-session-id', negated: false } : null;
      }
      // errors.some((e) => e.errorCode === 'INVALID_SESSION_ID'), errors.find(…)
      if ((name === 'some' || name === 'find' || name === 'findIndex') && (first.type === AST_NODE_TYPES.ArrowFunctionExpression) && first.body.type !== AST_NODE_TYPES.BlockStatement) {
        const inner = sessionExpiredTest(sourceCode, first.body);
        return inner && !inner.negated ? inner : null;
      }
      return null;
    }
    case AST_NODE_TYPES.MemberExpression:
      return fieldOfPredicate(sourceCode, target);
    case AST_NODE_TYPES.Identifier: {
      // const expired = res.status === 401; if (expired) …
      const sources = identifierSources(sourceCode, target);
      if (sources.length !== 1 || sources[0]?.kind !== 'expression') return null;
      const source = unwrap(sources[0].node);
      if (source.type === AST_NODE_TYPES.Identifier || valuesInProgress.has(source)) return null;
      // `const x = !x` parses: never follow a name into its own value.
      valuesInProgress.add(source);
      try {
        return sessionExpiredTest(sourceCode, source);
      } finally {
        valuesInProgress.delete(source);
      }
    }
    default:
      return null;
  }
}

/**
 * `parsed.retryable` where `const parsed = this.classify(err)`, or `classify(err).retryable`: a field of
 * what a function of the file returns, when every object it returns holds that field as such a test
 * (`{ code, retryable: true }` under the expired check, `retryable: false` elsewhere).
 */
function fieldOfPredicate(sourceCode: SourceCode, member: TSESTree.MemberExpression): SessionExpiredTest | null {
  const field = memberName(member);
  if (field === null) return null;
  let holder = unwrap(member.object);
  if (holder.type === AST_NODE_TYPES.Identifier) {
    const sources = identifierSources(sourceCode, holder);
    if (sources.length !== 1 || sources[0]?.kind !== 'expression') return null;
    holder = unwrap(sources[0].node);
  }
  if (holder.type === AST_NODE_TYPES.AwaitExpression) return null;
  if (holder.type !== AST_NODE_TYPES.CallExpression) return null;
  const predicate = calledFunction(sourceCode, holder);
  return predicate ? predicateTest(sourceCode, predicate, field) : null;
}

const helpersInProgress = new Set<TSESTree.Node>();
const valuesInProgress = new Set<TSESTree.Node>();

/**
 * A predicate written in the file (a function, a method read through `this` or an object, a bound
 * function): the test it makes when every value it returns is either the test itself
 * (`(r) => r.status === 401`, `return e.errorCode === 'INVALID_SESSION_ID'`), or `true` under such a test
 * (`if (res.statusCode === 401) { …; return true; } return false;`), or falsy. Early returns of falsy
 * values are allowed anywhere, so lists of messages excluded from the test still count
 * (`for (const text of skip) if (res.body.includes(text)) return false;`).
 */
function predicateTest(sourceCode: SourceCode, fn: FunctionNode, field: string | null = null): SessionExpiredTest | null {
  if (fn.async || fn.generator || helpersInProgress.has(fn)) return null;
  helpersInProgress.add(fn);
  try {
    // With a field: the value of that field in the object each return hands back (else unknown).
    const valueOf = (returned: TSESTree.Node): TSESTree.Node | null => {
      if (field === null) return returned;
      const object = unwrap(returned);
      return object.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(object, field) : null;
    };
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      const value = valueOf(fn.body);
      return value ? sessionExpiredTest(sourceCode, value) : null;
    }
    const [only] = fn.body.body;
    if (fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement) {
      const value = only.argument ? valueOf(only.argument) : null;
      return value ? sessionExpiredTest(sourceCode, value) : null;
    }
    const returns: TSESTree.ReturnStatement[] = [];
    let simple = true;
    walk(sourceCode, fn.body, (child) => {
      if (!simple || isFunctionNode(child)) return false;
      if (child.type === AST_NODE_TYPES.ReturnStatement) returns.push(child);
      // A predicate that changes state is not just a test.
      if (child.type === AST_NODE_TYPES.AssignmentExpression && child.left.type === AST_NODE_TYPES.MemberExpression) simple = false;
      if (child.type === AST_NODE_TYPES.AwaitExpression || child.type === AST_NODE_TYPES.YieldExpression) simple = false;
      return undefined;
    });
    if (!simple) return null;
    let found: SessionExpiredTest | null = null;
    for (const statement of returns) {
      if (!statement.argument) {
        if (field === null) continue;
        return null;
      }
      const value = valueOf(statement.argument);
      if (!value) return null;
      const known = ASTUtils.getStaticValue(value, sourceCode.getScope(value));
      if (known && !known.value) continue;
      const test = known ? guardingTest(sourceCode, statement, fn) : positiveTest(sourceCode, value);
      if (!test) return null;
      found ??= test;
    }
    return found;
  } finally {
    helpersInProgress.delete(fn);
  }
}

/** The expired test an expression makes when it is true (not a negated one). */
function positiveTest(sourceCode: SourceCode, node: TSESTree.Node): SessionExpiredTest | null {
  const test = sessionExpiredTest(sourceCode, node);
  return test && !test.negated ? test : null;
}

/** Does a statement leave its block at once (`return …`, `throw …`, or a block ending so)? */
function leaves(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && leaves(last);
}

/** For a `return true` inside `fn`: the expired test that must hold for it to run (enclosing `if`s, early exits before it). */
function guardingTest(sourceCode: SourceCode, statement: TSESTree.Node, fn: FunctionNode): SessionExpiredTest | null {
  let child: TSESTree.Node = statement;
  for (let parent = child.parent; parent && child !== fn.body; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && (child === parent.consequent || child === parent.alternate)) {
      const test = sessionExpiredTest(sourceCode, parent.test);
      if (test && test.negated === (child === parent.alternate)) return { signal: test.signal, negated: false };
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      const before = parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement));
      for (const sibling of before) {
        // if (res.status !== 401) return false;  ← what follows runs only on a 401
        if (sibling.type !== AST_NODE_TYPES.IfStatement || sibling.alternate || !leaves(sibling.consequent)) continue;
        const test = sessionExpiredTest(sourceCode, sibling.test);
        if (test?.negated) return { signal: test.signal, negated: false };
      }
    }
  }
  return null;
}

/** For `switch (res.status) { case 401: … }`: is this case the expired branch? */
export function isExpiredSwitchCase(sourceCode: SourceCode, switchCase: TSESTree.SwitchCase): boolean {
  const statement = switchCase.parent;
  if (!switchCase.test) return false;
  const discriminant = statement.discriminant;
  if (isStatusRead(sourceCode, discriminant)) return isUnauthorizedStatus(sourceCode, switchCase.test);
  return namesExpiredCode(sourceCode, switchCase.test) && !namesExpiredCode(sourceCode, discriminant);
}
