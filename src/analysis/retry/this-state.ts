/**
 * State on `this` shared by the functions of one owner: a class's methods, or the `C.prototype.m`
 * methods of a constructor `C` (through `this` or `var self = this`). Which owner a function's `this`
 * belongs to, and where the owner's own code writes `this.<path>` outside the constructor (set-up).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { memberName, unwrap } from '../core/ast';
import { isFunctionNode, prototypeConstructor, thisOf } from '../core/call-targets';
import { addToList } from '../../util/collections';
import { writeTarget } from './cells';
import { nodesWithin, fileNodes } from '../core/file-nodes';

type SourceCode = Readonly<TSESLint.SourceCode>;

const classWriteCache = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

/** The names of a member chain and the object it starts from (`this.a.b`: `['a', 'b']` on `this`); null for a computed name. */
function memberPath(node: TSESTree.Node): { readonly names: string[]; readonly root: TSESTree.Node } | null {
  const names: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    if (name === null) return null;
    names.unshift(name);
    current = unwrap(current.object);
  }
  return { names, root: current };
}

/** Writes to `this.<path>` in a class's methods, outside its constructor and field initialisers. */
function thisWrites(sourceCode: SourceCode, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, path: readonly string[]): TSESTree.Node[] {
  let writes = classWriteCache.get(owner);
  if (!writes) {
    const found = new Map<string, TSESTree.Node[]>();
    for (const member of owner.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') continue;
      const value = member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? member.value : null;
      if (!value || (member.type === AST_NODE_TYPES.PropertyDefinition && !isFunctionNode(value))) continue;
      for (const write of nodesWithin(fileNodes(sourceCode).writes, value)) {
        const path = memberPath(writeTarget(write)!);
        if (path?.root.type === AST_NODE_TYPES.ThisExpression) addToList(found, path.names.join('.'), write);
      }
    }
    writes = found;
    classWriteCache.set(owner, writes);
  }
  // Writing a prefix (`this.state = {…}`) replaces the whole path too.
  const result: TSESTree.Node[] = [];
  for (let length = 1; length <= path.length; length += 1) result.push(...(writes.get(path.slice(0, length).join('.')) ?? []));
  return result;
}

function enclosingClassOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return null;
}

/**
 * For a function written as `C.prototype.m = function …` (or inside one), the constructor `C` it belongs
 * to, as the name that declares it (`function C(…)`, `var C = module.exports = function (…)`).
 */
function prototypeOwner(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const constructor = prototypeConstructor(sourceCode, current);
    if (constructor) return constructor.defs.length === 1 ? constructor.defs[0]!.name : null;
  }
  return null;
}

/**
 * Whose `this` a function reads, for state shared between functions: its class, or for
 * `C.prototype.m = function …` the constructor `C`.
 */
export function thisOwner(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.Node | null {
  return enclosingClassOf(node) ?? prototypeOwner(sourceCode, node);
}

const prototypeWriteCache = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

/**
 * Writes to `this.<path>` (through `this` or `var self = this`) in the `C.prototype.m` methods written at
 * the top of the file, outside the constructor `C` itself. The top-level statements are looked at once
 * per constructor.
 */
function prototypeThisWrites(sourceCode: SourceCode, owner: TSESTree.Node, path: readonly string[]): TSESTree.Node[] {
  let writes = prototypeWriteCache.get(owner);
  if (!writes) {
    const found = new Map<string, TSESTree.Node[]>();
    for (const statement of sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const assignment = unwrap(statement.expression);
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const method = unwrap(assignment.right);
      if (!isFunctionNode(method) || prototypeOwner(sourceCode, method) !== owner) continue;
      for (const write of nodesWithin(fileNodes(sourceCode).writes, method)) {
        const path = memberPath(writeTarget(write)!);
        if (path && (path.root.type === AST_NODE_TYPES.ThisExpression || thisOf(sourceCode, path.root) !== null)) addToList(found, path.names.join('.'), write);
      }
    }
    writes = found;
    prototypeWriteCache.set(owner, writes);
  }
  const result: TSESTree.Node[] = [];
  for (let length = 1; length <= path.length; length += 1) result.push(...(writes.get(path.slice(0, length).join('.')) ?? []));
  return result;
}

/**
 * Writes to `this.<path>` in the owner's code outside its constructor (for the owner of `region`), or
 * null when `region`'s `this` has no owner the file shows.
 */
export function thisStateWrites(sourceCode: SourceCode, region: TSESTree.Node, path: readonly string[]): TSESTree.Node[] | null {
  const owner = enclosingClassOf(region);
  if (owner) return thisWrites(sourceCode, owner, path);
  const constructor = prototypeOwner(sourceCode, region);
  return constructor ? prototypeThisWrites(sourceCode, constructor, path) : null;
}
