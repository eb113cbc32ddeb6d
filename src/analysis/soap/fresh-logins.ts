/**
 * Which functions run only while a fresh SOAP login is in progress.
 *
 * A function *logs in afresh* when a login of the group runs in it on no condition (no `if`, loop, `?:`,
 * `&&` or `catch` in between), or when it calls, on no condition, a local function that does. A read of
 * the session is *covered* when it sits in such a function, or in a local function (not exported, used
 * only by direct calls) whose every caller is covered: there the session is never older than the call.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { Region } from '../http/regions';
import type { SoapLogin } from './soap-logins';

import { VALUE_WRAPPERS, isExported, memberName, unwrap } from '../core/ast';
import { functionOfVariable, isFunctionNode } from '../core/call-targets';
import { callGraph, regionOf } from '../http/regions';
import { sameLogins } from './soap-logins';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_COVER_DEPTH = 4;

/** Statements and expressions through which a call still runs whenever the code around it runs. */
const UNCONDITIONAL = new Set<string>([
  ...VALUE_WRAPPERS,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.TryStatement,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.SequenceExpression,
]);

/** Callbacks that run only sometimes: on failure, or once per element. */
const CONDITIONAL_CALLBACKS = new Set(['catch', 'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

/** Is this function (between a node and its region, so a callback run by that region) run every time? */
function alwaysRuns(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return true;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const name = memberName(callee) ?? '';
  // `.then(onFulfilled, onRejected)`: the second runs only on failure.
  return !CONDITIONAL_CALLBACKS.has(name) && !(name === 'then' && call.arguments[0] !== fn);
}

/** Does `node` run every time `region` runs (no `if`, loop, `?:`, `&&`, `catch` in between)? */
function runsUnconditionally(node: TSESTree.Node, region: Region): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === region) return true;
    if (isFunctionNode(current)) {
      if (!alwaysRuns(current)) return false;
      continue;
    }
    if (!UNCONDITIONAL.has(current.type)) return false;
  }
  return false;
}

const freshCache = new WeakMap<SourceCode, Map<TSESTree.Node, ReadonlySet<Region>>>();

/**
 * The regions that log in afresh each time they run: those where a login of the group runs
 * unconditionally, and those that unconditionally call a local function that does. Once per group.
 */
function freshRegions(sourceCode: SourceCode, login: SoapLogin): ReadonlySet<Region> {
  let byGroup = freshCache.get(sourceCode);
  if (!byGroup) {
    byGroup = new Map();
    freshCache.set(sourceCode, byGroup);
  }
  const cached = byGroup.get(login.group);
  if (cached) return cached;
  const fresh = new Set<Region>();
  byGroup.set(login.group, fresh);
  const queue: Region[] = [];
  const add = (region: Region): void => {
    if (fresh.has(region)) return;
    fresh.add(region);
    queue.push(region);
  };
  for (const other of sameLogins(sourceCode, login)) {
    const region = regionOf(sourceCode, other.node);
    if (runsUnconditionally(other.node, region)) add(region);
  }
  const { callers } = callGraph(sourceCode);
  while (queue.length > 0) {
    const region = queue.pop();
    if (!region || region.type === AST_NODE_TYPES.Program) continue;
    for (const call of callers.get(region) ?? []) {
      const caller = regionOf(sourceCode, call);
      if (runsUnconditionally(call, caller)) add(caller);
    }
  }
  return fresh;
}

/** Which regions run only while a fresh login of the same group as `login` is in progress. */
export class FreshLoginCoverage {
  private readonly sourceCode: SourceCode;
  /** Regions that log in afresh (same group) each time they run, before anything else can happen. */
  private readonly fresh: ReadonlySet<Region>;
  private readonly covered = new Map<Region, boolean>();

  constructor(sourceCode: SourceCode, login: SoapLogin) {
    this.sourceCode = sourceCode;
    this.fresh = freshRegions(sourceCode, login);
  }

  /**
   * Does `region` run only while a fresh login of the same group is in progress: it logs in afresh, or it
   * is a local function (not exported, used only by direct calls) whose every caller is such a region?
   */
  isCovered(region: Region, depth = 0): boolean {
    if (this.fresh.has(region)) return true;
    if (region.type === AST_NODE_TYPES.Program || depth > MAX_COVER_DEPTH) return false;
    const cached = this.covered.get(region);
    if (cached !== undefined) return cached;
    this.covered.set(region, false);
    const result = this.callersCovered(region, depth);
    this.covered.set(region, result);
    return result;
  }

  private callersCovered(fn: FunctionNode, depth: number): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition) {
      // Only private methods have callers the file can list.
      if (parent.accessibility !== 'private' && parent.key.type !== AST_NODE_TYPES.PrivateIdentifier) return false;
      const calls = callGraph(this.sourceCode).callers.get(fn) ?? [];
      return calls.length > 0 && calls.every((call) => this.isCovered(regionOf(this.sourceCode, call), depth + 1));
    }
    let variable: TSESLint.Scope.Variable | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      variable = this.sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.defs.some((definition) => definition.type === 'FunctionName'));
    } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn) {
      variable = this.sourceCode.getDeclaredVariables(parent)[0];
    }
    if (!variable || isExported(variable) || functionOfVariable(variable) !== fn) return false;
    const reads = variable.references.filter((reference) => reference.isRead());
    return (
      reads.length > 0 &&
      reads.every((reference) => {
        const identifier = reference.identifier as TSESTree.Identifier;
        let node: TSESTree.Node = identifier;
        while (node.parent && VALUE_WRAPPERS.has(node.parent.type) && node.parent.type !== AST_NODE_TYPES.AwaitExpression) node = node.parent;
        const call = node.parent;
        return call?.type === AST_NODE_TYPES.CallExpression && call.callee === node && this.isCovered(regionOf(this.sourceCode, call), depth + 1);
      })
    );
  }
}
