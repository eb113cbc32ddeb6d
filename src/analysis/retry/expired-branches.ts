/**
 * Which code runs only when the session expired, and what else must hold for it to run.
 *
 * Walking up from a node to a region (a function, a loop, a handler), every condition that must hold
 * for the node to run is a *guard*: the test of an enclosing `if` / `?:` / `&&` / `||` / `while` / `for`,
 * a `case` of a `switch`, and the early exits written before it (`if (res.status !== 401) return res;`
 * makes everything after it run only on a 401). Conjunctions are split (`a && b` holding means both
 * hold; `a || b` failing means both fail), `!` flips. A guard is an *expired* guard when it means "the
 * session expired" (session-checks.ts). The statements that run unconditionally on the way are kept
 * too: the bound analysis (bounds.ts, cells.ts) reads counters and flags from them.
 *
 * Everything here answers from the ancestors and siblings of one node: no walk of the file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { Loop } from '../core/file-nodes';
import type { SessionExpiredTest } from './session-checks';

import { memberName, unwrap, variableOf } from '../core/ast';
import { isFunctionNode } from '../core/call-targets';
import { isExpiredSwitchCase, sessionExpiredTest } from './session-checks';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Where a guard is written: the node a fix would edit. */
export interface GuardOrigin {
  readonly kind: 'if' | 'conditional' | 'logical' | 'early-exit' | 'loop' | 'case';
  /** The `if`, `?:`, `&&`/`||`, loop or `case` that holds the test. */
  readonly node: TSESTree.Node;
  /** The whole test as written (null for a `case`). */
  readonly test: TSESTree.Expression | null;
  /** The value the whole test has on the guarded path. */
  readonly holds: boolean;
}

/** A condition that holds whenever the guarded code runs. */
export type Guard =
  | {
      readonly kind: 'condition';
      /** One conjunct of the written test. */
      readonly test: TSESTree.Expression;
      /** Its value on the guarded path. */
      readonly holds: boolean;
      readonly origin: GuardOrigin;
    }
  | {
      readonly kind: 'case';
      /** The cases that lead to the guarded code: the case itself and the empty ones falling into it. */
      readonly cases: readonly TSESTree.SwitchCase[];
      readonly origin: GuardOrigin;
    };

/** What is known about the path from a region's entry to a node. */
export interface PathFacts {
  /** Guards, innermost first. */
  readonly guards: readonly Guard[];
  /** Statements that run unconditionally on the way, in execution order. */
  readonly statements: readonly TSESTree.Statement[];
  /** Calls the node is an argument of, or inside a callback of (`refresh(() => retry())`, `refresh().then(() => retry())`), innermost first. */
  readonly enclosingCalls: readonly TSESTree.CallExpression[];
  /** The error handlers the path passes through: catch clauses, `.catch` / `catchError` callbacks. */
  readonly handlers: readonly TSESTree.Node[];
}

/** Splits a test into the conjuncts that hold (or fail) with it, flipping `!`. */
function splitCondition(test: TSESTree.Expression, holds: boolean, origin: GuardOrigin, into: Guard[]): void {
  const target = unwrap(test) as TSESTree.Expression;
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') {
    splitCondition(target.argument, !holds, origin, into);
    return;
  }
  if (target.type === AST_NODE_TYPES.LogicalExpression && ((target.operator === '&&' && holds) || (target.operator === '||' && !holds))) {
    splitCondition(target.left, holds, origin, into);
    splitCondition(target.right, holds, origin, into);
    return;
  }
  into.push({ kind: 'condition', test: target, holds, origin });
}

/** The guards a written test gives when it has the value `holds` on a path. */
export function conditionGuards(test: TSESTree.Expression, holds: boolean, origin: Omit<GuardOrigin, 'test' | 'holds'>): Guard[] {
  const guards: Guard[] = [];
  splitCondition(test, holds, { ...origin, test, holds }, guards);
  return guards;
}

/**
 * Does a statement never complete normally (it always returns, throws, breaks or continues)?
 * Unknown shapes count as completing: callers use this to rule paths out, never to invent them.
 */
export function alwaysExits(statement: TSESTree.Statement | null | undefined): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some((child) => alwaysExits(child));
    case AST_NODE_TYPES.IfStatement:
      return alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case AST_NODE_TYPES.LabeledStatement:
      return !isLoop(statement.body) && statement.body.type !== AST_NODE_TYPES.SwitchStatement && alwaysExits(statement.body);
    case AST_NODE_TYPES.TryStatement:
      if (alwaysExits(statement.finalizer)) return true;
      return alwaysExits(statement.block) && (!statement.handler || alwaysExits(statement.handler.body));
    case AST_NODE_TYPES.SwitchStatement: {
      if (!statement.cases.some((switchCase) => switchCase.test === null)) return false;
      const last = statement.cases.at(-1);
      if (!last || last.consequent.length === 0) return false;
      return statement.cases.every(
        (switchCase) =>
          switchCase.consequent.length === 0 ||
          (switchCase.consequent.some((child) => alwaysExits(child)) &&
            !switchCase.consequent.some((child) => child.type === AST_NODE_TYPES.BreakStatement && !child.label)),
      );
    }
    default:
      return false;
  }
}


export type { Loop };

export function isLoop(node: TSESTree.Node): node is Loop {
  return (
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForStatement
  );
}

type StatementList = TSESTree.BlockStatement | TSESTree.Program | TSESTree.SwitchCase | TSESTree.StaticBlock;

function statementsOf(list: StatementList): readonly TSESTree.Node[] {
  return list.type === AST_NODE_TYPES.SwitchCase ? list.consequent : list.body;
}

/** The guard an early exit gives to the statements after it: `if (t) return;` means `t` failed. */
function earlyExitGuards(statement: TSESTree.Node): Guard[] {
  if (statement.type !== AST_NODE_TYPES.IfStatement) return [];
  const origin = { kind: 'early-exit', node: statement } as const;
  const thenExits = alwaysExits(statement.consequent);
  const elseExits = alwaysExits(statement.alternate);
  if (thenExits && !elseExits) return conditionGuards(statement.test, false, origin);
  if (elseExits && !thenExits) return conditionGuards(statement.test, true, origin);
  return [];
}

/** The cases that run a case's statements: the case itself and the earlier ones that fall into it. */
function fallingCases(switchCase: TSESTree.SwitchCase): TSESTree.SwitchCase[] {
  const cases = switchCase.parent.cases;
  const index = cases.indexOf(switchCase);
  const found = [switchCase];
  for (let previous = index - 1; previous >= 0; previous -= 1) {
    const candidate = cases[previous]!;
    if (candidate.consequent.some((child) => alwaysExits(child))) break;
    found.push(candidate);
  }
  return found;
}

const CATCH_METHODS = new Set(['catch']);

/** Is `identifier` the RxJS `catchError` operator, imported from `rxjs` or `rxjs/operators`? */
function isRxjsCatchError(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const imported = definition.node.imported;
  const declaration = definition.parent;
  return (
    imported.type === AST_NODE_TYPES.Identifier &&
    imported.name === 'catchError' &&
    declaration?.type === AST_NODE_TYPES.ImportDeclaration &&
    /^rxjs(?:\/operators)?$/u.test(declaration.source.value)
  );
}

/** Is a function a rejection handler: `p.catch(fn)`, `p.then(ok, fn)`, RxJS `catchError(fn)`? */
export function isRejectionHandler(sourceCode: SourceCode, fn: TSESTree.Node): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(callee);
    if (name !== null && CATCH_METHODS.has(name)) return call.arguments[0] === fn;
    if (name === 'then') return call.arguments[1] === fn;
    return false;
  }
  return callee.type === AST_NODE_TYPES.Identifier && call.arguments[0] === fn && isRxjsCatchError(sourceCode, callee);
}

/**
 * The facts on the path from `root` (exclusive) down to `node`. With `throughEnd`, the path goes on past
 * `node` to the end of `root`'s body: the early exits and statements after each enclosing statement count
 * too (used for loop iterations that fall through to the next one). With `includeNode`, a statement
 * `node` counts among the statements run.
 */
export function pathFacts(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  root: TSESTree.Node,
  { throughEnd = false, includeNode = false } = {},
): PathFacts {
  const guards: Guard[] = [];
  const levels: { before: TSESTree.Statement[]; after: TSESTree.Statement[] }[] = [];
  const enclosingCalls: TSESTree.CallExpression[] = [];
  const handlers: TSESTree.Node[] = [];
  let child: TSESTree.Node = node;
  for (let parent = child.parent; parent && child !== root; child = parent, parent = parent.parent) {
    if (parent === root) break;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
        if (child === parent.consequent) guards.push(...conditionGuards(parent.test, true, { kind: 'if', node: parent }));
        else if (child === parent.alternate) guards.push(...conditionGuards(parent.test, false, { kind: 'if', node: parent }));
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) guards.push(...conditionGuards(parent.test, true, { kind: 'conditional', node: parent }));
        else if (child === parent.alternate) guards.push(...conditionGuards(parent.test, false, { kind: 'conditional', node: parent }));
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator !== '??') {
          guards.push(...conditionGuards(parent.left, parent.operator === '&&', { kind: 'logical', node: parent }));
        }
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.ForStatement:
        if (parent.test && (child === parent.body || (parent.type === AST_NODE_TYPES.ForStatement && child === parent.update))) {
          guards.push(...conditionGuards(parent.test, true, { kind: 'loop', node: parent }));
        }
        break;
      case AST_NODE_TYPES.CatchClause:
        if (child === parent.body) handlers.push(parent);
        break;
      case AST_NODE_TYPES.CallExpression:
        if (parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
          enclosingCalls.push(parent);
          if (isFunctionNode(child) && isRejectionHandler(sourceCode, child)) handlers.push(child);
        }
        break;
      default:
        break;
    }
    if (parent.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(child as TSESTree.Statement)) {
      const cases = fallingCases(parent);
      guards.push({ kind: 'case', cases, origin: { kind: 'case', node: parent, test: null, holds: true } });
    }
    if (
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase
    ) {
      const siblings = statementsOf(parent);
      const index = siblings.indexOf(child);
      if (index >= 0) {
        const before = siblings.slice(0, index) as TSESTree.Statement[];
        const after = throughEnd ? (siblings.slice(index + 1) as TSESTree.Statement[]) : [];
        for (let position = before.length - 1; position >= 0; position -= 1) guards.push(...earlyExitGuards(before[position]!));
        for (const statement of after) guards.push(...earlyExitGuards(statement));
        levels.push({ before, after });
      }
    }
  }
  // Execution order: the outermost level's earlier statements first, then inward; on the way out, the
  // innermost level's later statements first.
  const statements: TSESTree.Statement[] = [];
  for (let level = levels.length - 1; level >= 0; level -= 1) statements.push(...levels[level]!.before);
  if (includeNode && node.type.endsWith('Statement')) statements.push(node as TSESTree.Statement);
  for (const level of levels) statements.push(...level.after);
  return { guards, statements, enclosingCalls, handlers };
}

const expiredTests = new WeakMap<TSESTree.Node, SessionExpiredTest | null>();

/** `sessionExpiredTest`, asked once per node (a test is looked at for each path through it). */
function expiredTestOf(sourceCode: SourceCode, node: TSESTree.Node): SessionExpiredTest | null {
  let test = expiredTests.get(node);
  if (test === undefined) {
    test = sessionExpiredTest(sourceCode, node);
    expiredTests.set(node, test);
  }
  return test;
}

/** Does a test mean "the session expired", either way round (`res.status === 401`, `!isExpired(res)`)? */
export function isExpiredTest(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return expiredTestOf(sourceCode, node) !== null;
}

/** Does a guard mean "the session expired" on its path? */
export function guardExpiredTest(sourceCode: SourceCode, guard: Guard): SessionExpiredTest | null {
  if (guard.kind === 'case') {
    return guard.cases.some((switchCase) => isExpiredSwitchCase(sourceCode, switchCase)) ? { signal: 'http-401', negated: false } : null;
  }
  const test = expiredTestOf(sourceCode, guard.test);
  if (!test || test.negated === guard.holds) return null;
  return { signal: test.signal, negated: false };
}

/** The guards on a path that mean "the session expired", innermost first. */
export function expiredGuards(sourceCode: SourceCode, facts: PathFacts): Guard[] {
  return facts.guards.filter((guard) => guardExpiredTest(sourceCode, guard) !== null);
}

/** Does `node` run only when the session expired, as far as the code between `root` and it tells? */
export function isInExpiredBranch(sourceCode: SourceCode, node: TSESTree.Node, root: TSESTree.Node): boolean {
  return expiredGuards(sourceCode, pathFacts(sourceCode, node, root)).length > 0;
}

/**
 * From a statement that completes normally, does control reach the end of the loop's body (and so go
 * round again)? The statements after it must not exit; `break` out of a `switch` continues after the
 * switch; nested loops and functions stop the climb (unknown means no).
 */
export function reachesLoopEnd(statement: TSESTree.Node, loop: Loop): boolean {
  let child: TSESTree.Node = statement;
  while (child !== loop.body) {
    const parent: TSESTree.Node | undefined = child.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.BlockStatement: {
        const after = parent.body.slice(parent.body.indexOf(child as TSESTree.Statement) + 1);
        if (after.some((sibling) => alwaysExits(sibling))) return false;
        break;
      }
      case AST_NODE_TYPES.SwitchCase: {
        const after = parent.consequent.slice(parent.consequent.indexOf(child as TSESTree.Statement) + 1);
        const breakIndex = after.findIndex((sibling) => sibling.type === AST_NODE_TYPES.BreakStatement && !sibling.label);
        if (breakIndex < 0 || after.slice(0, breakIndex).some((sibling) => alwaysExits(sibling))) return false;
        child = parent.parent;
        continue;
      }
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.LabeledStatement:
      case AST_NODE_TYPES.CatchClause:
        break;
      case AST_NODE_TYPES.TryStatement:
        if (child !== parent.finalizer && alwaysExits(parent.finalizer)) return false;
        break;
      default:
        return false;
    }
    child = parent;
  }
  return true;
}

/** A place in a loop body where a path that ran through an expired branch goes round again. */
export interface FallThrough {
  /** The branch (or, for an early exit, the `if` after which everything is the branch). */
  readonly anchor: TSESTree.Node;
  /** Guards the anchor itself adds (the early exit's failed test). */
  readonly extraGuards: readonly Guard[];
  /** Facts from the loop's entry to the end of its body through the anchor. */
  readonly facts: PathFacts;
}

/**
 * The expired branches in a loop body that complete and fall through to the next iteration: an `if`
 * branch whose test means expired, the code after an early exit on a live session, a `case 401:` that
 * ends with `break`, and a catch body that completes (a catch-all handler: the caller decides whether
 * it is session-triggered). Nested functions and nested loops are not entered. One walk of the loop body.
 */
export function fallThroughBranches(
  sourceCode: SourceCode,
  loop: Loop,
  walkBody: (visit: (node: TSESTree.Node) => boolean | void) => void,
): FallThrough[] {
  const found: FallThrough[] = [];
  const consider = (anchor: TSESTree.Node, extraGuards: Guard[]): void => {
    // Enter a block branch through its last statement, so that the statements run inside it count.
    const point = anchor.type === AST_NODE_TYPES.BlockStatement && anchor.body.length > 0 ? anchor.body.at(-1)! : anchor;
    if (!reachesLoopEnd(point, loop)) return;
    const facts = pathFacts(sourceCode, point, loop, { throughEnd: true, includeNode: point !== anchor || anchor.type !== AST_NODE_TYPES.IfStatement });
    found.push({ anchor, extraGuards, facts: { ...facts, guards: [...extraGuards, ...facts.guards] } });
  };
  walkBody((node) => {
    if (node !== loop.body && (isFunctionNode(node) || isLoop(node))) return false;
    if (node.type === AST_NODE_TYPES.IfStatement) {
      const thenGuards = conditionGuards(node.test, true, { kind: 'if', node });
      const elseGuards = conditionGuards(node.test, false, { kind: 'if', node });
      const expiredThen = thenGuards.some((guard) => guardExpiredTest(sourceCode, guard));
      const expiredElse = elseGuards.some((guard) => guardExpiredTest(sourceCode, guard));
      if (expiredThen && !alwaysExits(node.consequent)) consider(node.consequent, []);
      if (expiredElse && node.alternate && !alwaysExits(node.alternate)) consider(node.alternate, []);
      // if (res.status !== 401) return res;  ← everything after is the expired branch
      if (expiredElse && !node.alternate && alwaysExits(node.consequent)) {
        consider(node, conditionGuards(node.test, false, { kind: 'early-exit', node }));
      }
    }
    // catch (err) { await refresh(); }  ← a catch-all handler; the caller decides whether it refreshes
    if (node.type === AST_NODE_TYPES.CatchClause && !alwaysExits(node.body)) consider(node.body, []);
    if (node.type === AST_NODE_TYPES.SwitchCase && node.test && isExpiredSwitchCase(sourceCode, node)) {
      // case 401: await refresh(); break;  ← the case's last statement before the break goes round again
      const last = node.consequent.at(-1);
      const work = node.consequent.at(-2);
      const rest = node.consequent.slice(0, -1);
      if (last?.type === AST_NODE_TYPES.BreakStatement && !last.label && work && !rest.some((child) => alwaysExits(child))) {
        consider(work, []);
      }
    }
    return undefined;
  });
  return found;
}
