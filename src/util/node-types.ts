/**
 * `AST_NODE_TYPES`, bound once. Read through `@typescript-eslint/utils`, the enum sits behind two
 * re-export getters (utils' `export *` and its `ts-estree` module), and the compiled code reads it as
 * `utils_1.AST_NODE_TYPES.X` at every use: profiles of the rules on real code showed those getters as
 * about a tenth of the rules' time. This module's export is a plain property.
 */
import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/utils';

export const AST_NODE_TYPES = NODE_TYPES;
