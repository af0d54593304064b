/**
 * The Cypher console's guard, the pure part (no driver, no HTTP): the lexer, the statement check (layer 1) and the
 * plan walk (layer 2). server/src/neo4j/console.ts plans the query with EXPLAIN and runs it guarded (layer 3);
 * the app's error handler turns a ConsoleRefusal's code into the HTTP status.
 */
export { isCypherWhitespace, lexCypher, namespacedCalls, type Token, type TokenKind } from './lexer';
export { inspectStatement } from './statement';
export { MAX_NESTING, nestingOf, type Nesting } from './nesting';
export { inspectPlan, pluginFunctionIn, procedureName, type PlanNode } from './plan';
export { ALLOWED_PROCEDURES, ConsoleRefusal, isBuiltInFunction, type RefusalCode } from './refusals';
