/**
 * Which function written in the file a call runs, or a value holds, found through scope (the one
 * resolver every analysis asks):
 * - a function written in place, a function declaration (never reassigned), a constant holding a
 *   function, and a named function expression calling itself by its name;
 * - a class method or function-valued field read through `this` (the instance side in instance members,
 *   the class's own static side in static ones), through an instance (`new C()`, or a name or class field
 *   always holding one), or through the class's name (`C.create()`, static side);
 * - an object literal's method or function-valued property, read through `this` in another of its
 *   methods, or through any expression that always holds the literal (a constant, an alias, a nested
 *   property `api.auth.login`, a destructured name, a class field);
 * - a function put on CommonJS exports (`module.exports.call = async (…) => …`) once, read back through
 *   `module.exports.call` or `exports.call`;
 * - a prototype method (`C.prototype.m = function …`, `C.prototype = { m() {…} }`) read through `this`
 *   (or a name always holding it, `var self = this`) in the constructor `C` or another of its methods;
 * - `fn.bind(…)` of any of these;
 * - getters of classes and object literals, read through the same receivers (`getterFunction`).
 * `null` when the file does not tell.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { constantInitializer, findProperty, memberName, parentOf, staticKeyName, thisClass, thisFunction, unwrap, variableOf, walk } from './ast';
import { identifierSources, thisMemberSources } from './bindings';
import { objectLiteralOf } from './object-literals';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
type ClassLike = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** How many bindings `instanceClass` follows (`const b = a; const a = new C();`) before giving up. */
const MAX_DEPTH = 16;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** A function expression or arrow written in place (through TypeScript wrappers). */
function asFunction(node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression ? target : null;
}

function definedFunction(variable: TSESLint.Scope.Variable): FunctionNode | null {
  if (variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type !== 'FunctionName') return asFunction(constantInitializer(variable));
  const node = definition.node;
  if (node.type !== AST_NODE_TYPES.FunctionDeclaration && node.type !== AST_NODE_TYPES.FunctionExpression) return null;
  // A declaration has no write reference of its own: any write is `f = other`.
  return variable.references.some((reference) => reference.isWrite()) ? null : node;
}

const variableFunctions = new WeakMap<TSESLint.Scope.Variable, FunctionNode | null>();

/**
 * The function a name always holds: a function declaration never assigned again, a named function
 * expression's own name (read-only inside it), or a constant holding a function. Cached per variable,
 * so resolving every call of a name costs one look at its references.
 */
export function functionOfVariable(variable: TSESLint.Scope.Variable): FunctionNode | null {
  let found = variableFunctions.get(variable);
  if (found === undefined) {
    found = definedFunction(variable);
    variableFunctions.set(variable, found);
  }
  return found;
}

/** A method (`method`), or the getter (`get`), that a member read runs. */
type MemberKind = 'get' | 'method';

/**
 * A class's method or function-valued field named `name` (or, for `get`, its getter): on the instance
 * side, or the class's own (static) side when `isStatic`. Overload signatures (no body) are skipped for
 * the implementation.
 */
function classMember(owner: ClassLike, name: string, isStatic: boolean, kind: MemberKind = 'method'): FunctionNode | null {
  return classMembers(owner).get(`${isStatic ? 'static' : 'instance'} ${kind} ${name}`) ?? null;
}

const classMemberCache = new WeakMap<ClassLike, Map<string, FunctionNode | null>>();

/**
 * A class's members by side, kind and name, built once per class: asking for each `this.x` of a large
 * class would otherwise scan its body every time. The first member of a name wins, as in `classMember`'s
 * reading order: an implementation after its overload signatures, a field.
 */
function classMembers(owner: ClassLike): Map<string, FunctionNode | null> {
  let members = classMemberCache.get(owner);
  if (members) return members;
  members = new Map();
  for (const member of owner.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const name = staticKeyName(member.key, member.computed);
    if (name === null) continue;
    const side = member.static ? 'static' : 'instance';
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      if ((member.kind === 'method' || member.kind === 'get') && member.value.type === AST_NODE_TYPES.FunctionExpression) {
        const key = `${side} ${member.kind} ${name}`;
        if (!members.has(key)) members.set(key, member.value);
      }
    } else {
      const key = `${side} method ${name}`;
      if (!members.has(key)) members.set(key, asFunction(member.value));
    }
  }
  classMemberCache.set(owner, members);
  return members;
}

/** An object literal's method or function-valued property named `name` (or, for `get`, its getter). */
function objectMember(object: TSESTree.ObjectExpression, name: string, kind: MemberKind = 'method'): FunctionNode | null {
  const property = findProperty(object, name);
  return property?.kind === (kind === 'get' ? 'get' : 'init') ? asFunction(property.value) : null;
}

/** Is `this`, read in a member of `owner`, the class itself (a static member or block) rather than an instance? */
function isStaticThis(node: TSESTree.ThisExpression, owner: ClassLike): boolean {
  let member: TSESTree.Node = node;
  while (member.parent && member.parent !== owner.body) member = member.parent;
  if (member.type === AST_NODE_TYPES.StaticBlock) return true;
  return (
    (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.AccessorProperty) &&
    member.static
  );
}

/** For `this` inside an object literal's method (not an arrow's outer `this`), the object literal. */
function thisObjectLiteral(node: TSESTree.ThisExpression): TSESTree.ObjectExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.ClassBody) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const property = current.parent;
      return property.type === AST_NODE_TYPES.Property && property.parent.type === AST_NODE_TYPES.ObjectExpression ? property.parent : null;
    }
  }
  return null;
}

/** The class written in the file that an expression names: a class expression, or a class declaration's name. */
function classOf(sourceCode: SourceCode, node: TSESTree.Node): ClassLike | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ClassExpression || target.type === AST_NODE_TYPES.ClassDeclaration) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  return definition?.type === 'ClassName' ? (definition.node as ClassLike) : null;
}

/** The class an expression always holds an instance of: `new C()`, or a name or class field whose one source is. */
function instanceClass(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): ClassLike | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return classOf(sourceCode, target.callee);
  let sources: readonly { kind: string; node?: TSESTree.Expression }[] | null = null;
  if (target.type === AST_NODE_TYPES.Identifier) sources = identifierSources(sourceCode, target);
  else if (target.type === AST_NODE_TYPES.MemberExpression) sources = thisMemberSources(sourceCode, target);
  const source = sources?.length === 1 ? sources[0] : null;
  return source?.kind === 'expression' && source.node ? instanceClass(sourceCode, source.node, depth + 1) : null;
}

/** `C.prototype.name = function …` (or `C.prototype = { name() {…} }`) at the top of the file, by `C`'s variable and `name`. */
type PrototypeIndex = Map<TSESLint.Scope.Variable, Map<string, FunctionNode | null>>;

const prototypeCache = new WeakMap<SourceCode, PrototypeIndex>();

/** `C.prototype` for a constructor `C` declared in the file: `C`'s variable, else null. */
function prototypeOf(sourceCode: SourceCode, node: TSESTree.Node): TSESLint.Scope.Variable | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || memberName(target) !== 'prototype') return null;
  const owner = unwrap(target.object);
  if (owner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, owner);
  return variable && variable.defs.length > 0 ? variable : null;
}

/**
 * The prototype methods the program's own statements assign, built once per file. A name assigned twice
 * (or a prototype replaced after a method was put on it) holds null: the file does not tell which one runs.
 */
function prototypeIndex(sourceCode: SourceCode): PrototypeIndex {
  let index = prototypeCache.get(sourceCode);
  if (index) return index;
  index = new Map();
  const methodsOf = (variable: TSESLint.Scope.Variable): Map<string, FunctionNode | null> => {
    let methods = index!.get(variable);
    if (!methods) {
      methods = new Map();
      index!.set(variable, methods);
    }
    return methods;
  };
  const put = (methods: Map<string, FunctionNode | null>, key: string | null, value: TSESTree.Node): void => {
    if (key !== null) methods.set(key, methods.has(key) ? null : asFunction(value));
  };
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const assignment = unwrap(statement.expression);
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
    const left = unwrap(assignment.left);
    if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const whole = prototypeOf(sourceCode, left);
    const right = unwrap(assignment.right);
    if (whole && right.type === AST_NODE_TYPES.ObjectExpression) {
      const methods = methodsOf(whole);
      for (const property of right.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.kind === 'init') put(methods, staticKeyName(property.key, property.computed), property.value);
      }
      continue;
    }
    const owner = prototypeOf(sourceCode, left.object);
    if (owner) put(methodsOf(owner), staticKeyName(left.property, left.computed), right);
  }
  prototypeCache.set(sourceCode, index);
  return index;
}

/** For a function written as `C.prototype.m = function …`, the variable of its constructor `C`; else null. */
export function prototypeConstructor(sourceCode: SourceCode, fn: TSESTree.Node): TSESLint.Scope.Variable | null {
  const holder = fn.parent;
  if (holder?.type !== AST_NODE_TYPES.AssignmentExpression || unwrap(holder.right) !== fn) return null;
  const left = unwrap(holder.left);
  return left.type === AST_NODE_TYPES.MemberExpression ? prototypeOf(sourceCode, left.object) : null;
}

/**
 * For `this` in a constructor function `C` or in one of its prototype methods (`C.prototype.m = function …`),
 * `C`'s variable; null elsewhere (an arrow's `this` is its outer function's).
 */
function thisConstructor(sourceCode: SourceCode, node: TSESTree.ThisExpression): TSESLint.Scope.Variable | null {
  const fn = thisFunction(node);
  if (!fn) return null;
  const index = prototypeIndex(sourceCode);
  if (index.size === 0) return null;
  const holder = fn.parent;
  const variable =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? fn.id && variableOf(sourceCode, fn.id)
      : holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier
        ? variableOf(sourceCode, holder.id)
        : prototypeConstructor(sourceCode, fn);
  return variable && index.has(variable) ? variable : null;
}

/** The `this` an expression always holds: `this` itself, or a name whose one value is `this` (`var self = this`). */
export function thisOf(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.ThisExpression | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ThisExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const sources = identifierSources(sourceCode, target);
  const source = sources.length === 1 ? sources[0] : null;
  const value = source?.kind === 'expression' && source.node ? unwrap(source.node) : null;
  return value?.type === AST_NODE_TYPES.ThisExpression ? value : null;
}

const writtenNames = new WeakMap<SourceCode, ReadonlySet<string>>();
const providedNodes = new WeakMap<SourceCode, readonly TSESTree.Node[]>();

/** Adds the names a function is written under: its own, its variable's, its key, or the property it is assigned to. */
function addWrittenNames(fn: FunctionNode, names: Set<string>): void {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) names.add(fn.id.name);
  const holder = parentOf(fn);
  let name: string | null = null;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) name = holder.id.name;
  else if (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition || holder?.type === AST_NODE_TYPES.Property) {
    name = staticKeyName(holder.key, holder.computed);
  } else if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.MemberExpression) name = memberName(holder.left);
  if (name !== null) names.add(name);
}

/**
 * For a rule whose traversal has seen every function of the file (among other nodes): the names they
 * are written under, kept for the file. Every function this module finds for a name or a member read is
 * written under that name, so a name no function has resolves to nothing at once: most calls of a file
 * (`res.json()`, `this.logger.debug(…)`) run nothing written in it. Call before asking about the file.
 */
export function provideFunctionNodes(sourceCode: SourceCode, nodes: readonly TSESTree.Node[]): void {
  if (!writtenNames.has(sourceCode)) providedNodes.set(sourceCode, nodes);
}

/** The names the file's functions are written under, once a rule provided them (built on first use); else null. */
export function functionNames(sourceCode: SourceCode): ReadonlySet<string> | null {
  let names = writtenNames.get(sourceCode);
  if (names) return names;
  const nodes = providedNodes.get(sourceCode);
  if (!nodes) return null;
  const found = new Set<string>();
  for (const node of nodes) if (isFunctionNode(node)) addWrittenNames(node, found);
  names = found;
  writtenNames.set(sourceCode, names);
  providedNodes.delete(sourceCode);
  return names;
}

/** The function `object.name` reads (or, for `get`, runs as its getter), when the file tells what `object` is. */
function memberFunction(sourceCode: SourceCode, member: TSESTree.MemberExpression, kind: MemberKind = 'method'): FunctionNode | null {
  const name = memberName(member);
  if (name === null || functionNames(sourceCode)?.has(name) === false) return null;
  const object = thisOf(sourceCode, member.object) ?? unwrap(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClass(object);
    if (owner) return classMember(owner, name, isStaticThis(object, owner), kind);
    const literal = thisObjectLiteral(object);
    if (literal) return objectMember(literal, name, kind);
    const constructor = kind === 'method' ? thisConstructor(sourceCode, object) : null;
    return constructor ? (prototypeIndex(sourceCode).get(constructor)?.get(name) ?? null) : null;
  }
  const literal = objectLiteralOf(sourceCode, object);
  if (literal) return objectMember(literal, name, kind);
  if (kind === 'method' && isExportsObject(sourceCode, object)) return exportedFunction(sourceCode, name);
  const owner = classOf(sourceCode, object);
  if (owner) return classMember(owner, name, true, kind);
  const instanceOf = instanceClass(sourceCode, object);
  return instanceOf ? classMember(instanceOf, name, false, kind) : null;
}

/** `module.exports` or `exports` of CommonJS (neither declared in the file). */
function isExportsObject(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const target = unwrap(node);
  const isGlobal = (identifier: TSESTree.Node, name: string): boolean =>
    identifier.type === AST_NODE_TYPES.Identifier && identifier.name === name && !variableOf(sourceCode, identifier)?.defs.length;
  if (isGlobal(target, 'exports')) return true;
  return target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'exports' && isGlobal(unwrap(target.object), 'module');
}

const exportedCache = new WeakMap<SourceCode, Map<string, FunctionNode | null>>();

/**
 * The function `module.exports.<name> = function …` (or `exports.<name> = …`) puts on the module's
 * exports, when the program's own statements assign that name once and never replace the whole
 * `module.exports`. Looks only at the top-level statements, once per file.
 */
function exportedFunction(sourceCode: SourceCode, name: string): FunctionNode | null {
  let exported = exportedCache.get(sourceCode);
  if (!exported) {
    exported = new Map();
    let replaced = false;
    for (const statement of sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const assignment = unwrap(statement.expression);
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const left = unwrap(assignment.left);
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      if (memberName(left) === 'exports' && isExportsObject(sourceCode, left)) replaced = true;
      else if (isExportsObject(sourceCode, left.object)) {
        const key = memberName(left);
        if (key === null) continue;
        // A second assignment of the same name: the file does not tell which one a call runs.
        exported.set(key, exported.has(key) || assignment.operator !== '=' ? null : asFunction(assignment.right));
      }
    }
    if (replaced) exported.clear();
    exportedCache.set(sourceCode, exported);
  }
  return exported.get(name) ?? null;
}

/** The getter written in the file that a member read (`this.baseUrl`, `config.host`) runs, or null. */
export function getterFunction(sourceCode: SourceCode, member: TSESTree.MemberExpression): FunctionNode | null {
  return memberFunction(sourceCode, member, 'get');
}

/**
 * The function written in the file that an expression holds, as a value (see the file comment); null
 * when the file does not tell.
 */
export function functionValue(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): FunctionNode | null {
  if (!node) return null;
  const target = unwrap(node);
  const inline = asFunction(target);
  if (inline) return inline;
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (functionNames(sourceCode)?.has(target.name) === false) return null;
    const variable = variableOf(sourceCode, target);
    return variable ? functionOfVariable(variable) : null;
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    // `handler.bind(this)` holds a function that runs `handler`.
    const callee = unwrap(target.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind' ? functionValue(sourceCode, callee.object) : null;
  }
  return target.type === AST_NODE_TYPES.MemberExpression ? memberFunction(sourceCode, target) : null;
}

const calledCache = new WeakMap<SourceCode, Map<TSESTree.CallExpression, FunctionNode | null>>();

/**
 * The function written in the file that a call runs, or null. Resolved once per call: the retry
 * analyses ask about the same calls from the call graph, recursion, refreshes and each cycle's cells.
 */
export function calledFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  let known = calledCache.get(sourceCode);
  if (!known) {
    known = new Map();
    calledCache.set(sourceCode, known);
  }
  let target = known.get(call);
  if (target === undefined) {
    target = functionValue(sourceCode, call.callee);
    known.set(call, target);
  }
  return target;
}

const returnedCache = new WeakMap<FunctionNode, readonly TSESTree.Expression[]>();

/**
 * The expressions a function hands back: its expression body, or the argument of each `return` written in
 * its own body (not in nested functions). Walked once per function.
 */
export function returnedExpressions(sourceCode: SourceCode, fn: FunctionNode): readonly TSESTree.Expression[] {
  const cached = returnedCache.get(fn);
  if (cached) return cached;
  const found: TSESTree.Expression[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) found.push(fn.body);
  else {
    walk(sourceCode, fn.body, (node) => {
      if (isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
      return undefined;
    });
  }
  returnedCache.set(fn, found);
  return found;
}
