/**
 * Which function written in the file a call runs, found through scope: a function declaration, a
 * `const f = () => …` / `const f = function () {…}`, a named function expression calling itself, a class
 * method or field function called through `this` (or through an instance `new C()` held in a const or a
 * class field), and an object literal method called through `this` or through the const holding the
 * object. `null` when the file does not tell.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { constantInitializer, memberName, staticKeyName, thisClass, unwrap, variableOf } from './ast';
import { identifierSources, thisMemberSources } from './bindings';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type ClassLike = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function asFunction(node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.FunctionExpression || target.type === AST_NODE_TYPES.ArrowFunctionExpression ? target : null;
}

/** The function a variable always holds (declaration, named function expression, or constant). */
export function variableFunction(variable: TSESLint.Scope.Variable): FunctionNode | null {
  if (variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type === 'FunctionName') {
    const node = definition.node;
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression) return node;
    return null;
  }
  const init = constantInitializer(variable);
  return asFunction(init);
}

/** A class's method or function-valued field named `name` (instance side unless `isStatic`). */
export function classMember(owner: ClassLike, name: string): FunctionNode | null {
  for (const member of owner.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && staticKeyName(member.key, member.computed) === name) {
      if (member.value.type === AST_NODE_TYPES.FunctionExpression) return member.value;
    }
    if (member.type === AST_NODE_TYPES.PropertyDefinition && staticKeyName(member.key, member.computed) === name) {
      return asFunction(member.value);
    }
  }
  return null;
}

/** An object literal's method (or function-valued property) named `name`. */
export function objectMember(object: TSESTree.ObjectExpression, name: string): FunctionNode | null {
  let found: FunctionNode | null = null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      found = null;
      continue;
    }
    if (staticKeyName(property.key, property.computed) === name) found = asFunction(property.value);
  }
  return found;
}

/** For `this` inside an object literal's method (not an arrow's outer `this`), the object literal. */
export function thisObjectLiteral(node: TSESTree.ThisExpression): TSESTree.ObjectExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const property = current.parent;
      return property.type === AST_NODE_TYPES.Property && property.parent.type === AST_NODE_TYPES.ObjectExpression ? property.parent : null;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

function classOf(sourceCode: SourceCode, node: TSESTree.Node): ClassLike | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ClassExpression || target.type === AST_NODE_TYPES.ClassDeclaration) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (definition?.type === 'ClassName') return definition.node as ClassLike;
  return null;
}

/** What an expression holds, when all its sources agree: an object literal or an instance of a class in the file. */
function holder(sourceCode: SourceCode, node: TSESTree.Node): { object: TSESTree.ObjectExpression } | { owner: ClassLike } | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return { object: target };
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const owner = classOf(sourceCode, target.callee);
    return owner ? { owner } : null;
  }
  let sources: readonly { kind: string; node?: TSESTree.Expression }[] | null = null;
  if (target.type === AST_NODE_TYPES.Identifier) sources = identifierSources(sourceCode, target);
  else if (target.type === AST_NODE_TYPES.MemberExpression) sources = thisMemberSources(sourceCode, target);
  if (!sources || sources.length !== 1) return null;
  const [source] = sources;
  if (source?.kind !== 'expression' || !source.node) return null;
  const value = unwrap(source.node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return { object: value };
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const owner = classOf(sourceCode, value.callee);
    return owner ? { owner } : null;
  }
  return null;
}

/** The function written in the file that a call runs, or null. */
export function calledFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  return functionValue(sourceCode, call.callee);
}

/**
 * The function an expression holds, as a value: an inline function, a name that always holds one, a
 * class or object method read through `this` or an instance, and `fn.bind(…)` of any of these.
 */
export function functionValue(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  const target = unwrap(node);
  const inline = asFunction(target);
  if (inline) return inline;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, target);
    return variable ? variableFunction(variable) : null;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    // handler.bind(this)
    const callee = unwrap(target.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind' ? functionValue(sourceCode, callee.object) : null;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(target);
  if (name === null) return null;
  const object = unwrap(target.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClass(object);
    if (owner) return classMember(owner, name);
    const literal = thisObjectLiteral(object);
    return literal ? objectMember(literal, name) : null;
  }
  const held = holder(sourceCode, object);
  if (!held) return null;
  return 'object' in held ? objectMember(held.object, name) : classMember(held.owner, name);
}
