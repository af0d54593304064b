import { describe, expect, it } from 'vitest';
import {
  ConsoleRefusal,
  inspectPlan,
  inspectStatement,
  lexCypher,
  isCypherWhitespace,
  pluginFunctionIn,
  procedureName,
  type PlanNode,
} from '../../server/src/console';
import { shiftSyntaxError } from '../../server/src/neo4j/console';
import { DbError } from '../../server/src/neo4j/errors';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConsoleRefusal) return e.code;
    throw e;
  }
  return 'accepted';
}

const op = (operatorType: string, children: PlanNode[] = [], details = ''): PlanNode => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: details ? { Details: details } : {},
  children,
});

describe('lexCypher', () => {
  it('drops comments and keeps strings, escaped names and parameters whole', () => {
    const t = lexCypher("MATCH (n) // USE x\n/* CREATE */ WHERE n.a = 'a;b' AND `we;ird` = $p RETURN n");
    expect(t.map((x) => x.text)).toEqual([
      'MATCH',
      '(',
      'n',
      ')',
      'WHERE',
      'n',
      '.',
      'a',
      '=',
      "'a;b'",
      'AND',
      '`we;ird`',
      '=',
      '$p',
      'RETURN',
      'n',
    ]);
  });
  it('keeps a range operator apart from numbers', () => {
    expect(lexCypher('[1..3]').map((x) => x.text)).toEqual(['[', '1', '.', '.', '3', ']']);
  });
});

describe('inspectStatement (layer 1)', () => {
  it('accepts one read statement and strips a trailing semicolon', () => {
    expect(inspectStatement('MATCH (n) RETURN n;  // done')).toBe('MATCH (n) RETURN n');
    expect(inspectStatement("RETURN 'a;b' AS s")).toBe("RETURN 'a;b' AS s");
  });
  it.each([
    ['', 'empty_query'],
    ['  // only a comment', 'empty_query'],
    ['MATCH (n) RETURN n; MATCH (m) DETACH DELETE m', 'multiple_statements'],
    ['RETURN 1;;', 'multiple_statements'],
    ['USE system SHOW DATABASES', 'use_not_allowed'],
    ['use neo4j MATCH (n) RETURN n', 'use_not_allowed'],
    ['CYPHER runtime=slotted USE `neo4j` MATCH (n) RETURN n', 'use_not_allowed'],
    ['CALL () { USE neo4j MATCH (n) RETURN n } RETURN n', 'use_not_allowed'],
    ['RETURN 1 AS x UNION ALL USE neo4j RETURN 2 AS x', 'use_not_allowed'],
    ['PROFILE MATCH (n) RETURN n', 'profile_not_allowed'],
    ['cypher 5 explain MATCH (n) RETURN n', 'profile_not_allowed'],
    ['SHOW TRANSACTIONS', 'admin_not_allowed'],
    ['terminate transactions "neo4j-transaction-1"', 'admin_not_allowed'],
    ['CREATE DATABASE foo', 'admin_not_allowed'],
    ['DROP USER bob', 'admin_not_allowed'],
    ['GRANT ROLE admin TO bob', 'admin_not_allowed'],
    ['ALTER USER neo4j SET PASSWORD "x"', 'admin_not_allowed'],
  ])('refuses %j with %s', (q, code) => {
    expect(refusal(() => inspectStatement(q))).toBe(code);
  });
  it('does not mistake a variable named use, or keywords in strings and comments, for a clause', () => {
    expect(refusal(() => inspectStatement('MATCH (use) RETURN use'))).toBe('accepted');
    expect(refusal(() => inspectStatement("RETURN 'USE x; SHOW' AS s // ; PROFILE"))).toBe('accepted');
    expect(refusal(() => inspectStatement('WITH {use: 1} AS m RETURN m'))).toBe('accepted');
  });
});

/** Layer 1's verdict on a query: the refusal code, or null when it passes. */
function statementRefusal(q: string): string | null {
  try {
    inspectStatement(q);
    return null;
  } catch (e) {
    return e instanceof ConsoleRefusal ? e.code : `other: ${String(e)}`;
  }
}

describe('console: namespaced functions', () => {
  it('refuses plugin functions in any spelling', () => {
    expect(statementRefusal("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})")).toBe(
      'function_not_allowed',
    );
    expect(statementRefusal('RETURN `apoc`.`load`.json("http://x") AS x')).toBe('function_not_allowed');
    expect(statementRefusal('MATCH (n) WHERE gds.similarity.cosine([1],[1]) > 0 RETURN n')).toBe(
      'function_not_allowed',
    );
    expect(statementRefusal('RETURN APOC . text . join(["a"], ",")')).toBe('function_not_allowed');
  });
  it('allows Cypher’s own namespaced functions, property access and procedures', () => {
    expect(statementRefusal("RETURN date.truncate('month', date('2025-04-10')) AS d")).toBeNull();
    expect(
      statementRefusal(
        'RETURN duration.between(date(), date()) AS d, point.distance(point({x:1,y:1}), point({x:0,y:0}))',
      ),
    ).toBeNull();
    expect(statementRefusal('RETURN vector.similarity.cosine([1.0], [1.0]) AS s')).toBeNull();
    expect(statementRefusal('MATCH (n) RETURN n.name, n.date.year')).toBeNull();
    expect(
      statementRefusal("CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node RETURN node"),
    ).toBeNull();
    expect(statementRefusal("RETURN 'apoc.cypher.run(x)' AS text // apoc.do.it()")).toBeNull();
  });
});

describe('inspectPlan (layer 2)', () => {
  const read = op('ProduceResults', [op('AllNodesScan')]);
  it('accepts a read plan', () => {
    expect(refusal(() => inspectPlan('r', read, 'neo4j'))).toBe('accepted');
  });
  it.each(['w', 'rw', 's', ''])('refuses queryType %j as a write', (t) => {
    expect(refusal(() => inspectPlan(t, read, 'neo4j'))).toBe('write_not_allowed');
  });
  it('refuses a write operator even when queryType says read', () => {
    expect(refusal(() => inspectPlan('r', op('ProduceResults', [op('SetProperty', [op('Argument')])]), 'neo4j'))).toBe(
      'write_not_allowed',
    );
  });
  it('refuses a missing plan', () => {
    expect(refusal(() => inspectPlan('r', null, 'neo4j'))).toBe('write_not_allowed');
  });
  it('refuses LOAD CSV, IN TRANSACTIONS, SHOW/TERMINATE and other databases anywhere in the tree', () => {
    expect(
      refusal(() => inspectPlan('r', op('ProduceResults', [op('Apply', [op('Argument'), op('LoadCSV')])]), 'neo4j')),
    ).toBe('load_csv_disabled');
    expect(refusal(() => inspectPlan('w', op('ProduceResults', [op('TransactionForeach')]), 'neo4j'))).toBe(
      'in_transactions_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', op('ProduceResults', [op('TransactionApply')]), 'neo4j'))).toBe(
      'in_transactions_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', op('ProduceResults', [op('TerminateTransactions')]), 'neo4j'))).toBe(
      'admin_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', op('ProduceResults', [op('ShowTransactions')]), 'neo4j'))).toBe(
      'admin_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', read, 'other'))).toBe('use_not_allowed');
  });
  it('allows schema introspection and full-text procedures only', () => {
    const call = (d: string) => op('ProduceResults', [op('ProcedureCall', [], d)]);
    expect(refusal(() => inspectPlan('r', call('db.labels() :: (label :: STRING)'), 'neo4j'))).toBe('accepted');
    expect(
      refusal(() => inspectPlan('r', call('db.index.fulltext.queryNodes($a, $b) :: (node :: NODE)'), 'neo4j')),
    ).toBe('accepted');
    expect(refusal(() => inspectPlan('r', call('dbms.components() :: (name :: STRING)'), 'neo4j'))).toBe(
      'procedure_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', call('db.labelsX() :: (label :: STRING)'), 'neo4j'))).toBe(
      'procedure_not_allowed',
    );
    expect(refusal(() => inspectPlan('r', call(''), 'neo4j'))).toBe('procedure_not_allowed');
  });
  it('reads procedure names from plan details', () => {
    expect(procedureName('db.schema.visualization() :: (nodes :: LIST<NODE>)')).toBe('db.schema.visualization');
    expect(procedureName('no call here')).toBeNull();
  });
});

describe('shiftSyntaxError', () => {
  it('maps positions from the EXPLAIN text back to the user text', () => {
    const e = new DbError('syntax', "Invalid input 'LIMT' (line 2, column 10 (offset: 19))", 'X', {
      line: 3,
      column: 10,
      offset: 27,
    });
    const s = shiftSyntaxError(e);
    expect(s.position).toEqual({ line: 2, column: 10, offset: 19 });
    expect(s.message).toContain('(line 1, column 10 (offset: 11))');
  });
  it('leaves other errors alone', () => {
    const e = new DbError('timeout', 'slow', 'X');
    expect(shiftSyntaxError(e)).toBe(e);
  });
});

describe('whitespace as Neo4j reads it', () => {
  it('skips U+001C–U+001F and the Unicode spaces Neo4j skips, and nothing else', () => {
    for (const c of ['\u001c', '\u001d', '\u001e', '\u001f', '\t', '\u00a0', '\u2003', '\u2028', '\u3000']) {
      expect(isCypherWhitespace(c), c.codePointAt(0)?.toString(16)).toBe(true);
    }
    for (const c of ['\ufeff', '\u200b', '\u0085', '\u180e', '\u001b', 'a', '.', '']) {
      expect(isCypherWhitespace(c), c.codePointAt(0)?.toString(16)).toBe(false);
    }
    expect(lexCypher('RETURN\u001capoc\u001f.\u001eversion\u001d()').map((x) => x.text)).toEqual([
      'RETURN',
      'apoc',
      '.',
      'version',
      '(',
      ')',
    ]);
  });
  it('refuses a plugin function or a SHOW hidden behind a control character (issue 12)', () => {
    expect(refusal(() => inspectStatement('RETURN apoc\u001c.version()'))).toBe('function_not_allowed');
    expect(refusal(() => inspectStatement('\u001cSHOW TRANSACTIONS'))).toBe('admin_not_allowed');
    expect(refusal(() => inspectStatement('RETURN 1\u001f;\u001eMATCH (n) DETACH DELETE n'))).toBe(
      'multiple_statements',
    );
  });
});

describe('functions in the plan (layer 2)', () => {
  const projection = (details: string) => op('ProduceResults', [op('Projection', [], details)]);
  it('finds plugin functions in operator details, as Neo4j writes them', () => {
    expect(pluginFunctionIn('apoc.version() AS v')).toBe('apoc.version');
    expect(pluginFunctionIn('n.x = apoc.text.join([n.a], $autostring_0)')).toBe('apoc.text.join');
    expect(pluginFunctionIn('date.truncate($autostring_1, date()) AS e, getDegree((n)--()) AS c')).toBeNull();
    expect(pluginFunctionIn('n.name AS `n.name`, $autostring_1 AS s')).toBeNull();
    expect(pluginFunctionIn('db.labels() :: (label :: STRING)', true)).toBeNull();
    expect(pluginFunctionIn('db.index.fulltext.queryNodes(apoc.text.join($a, $b), $q) :: (node :: NODE)', true)).toBe(
      'apoc.text.join',
    );
  });
  it('refuses a plan that calls a plugin function, wherever it is', () => {
    expect(refusal(() => inspectPlan('r', projection('apoc.version() AS v'), 'neo4j'))).toBe('function_not_allowed');
    expect(
      refusal(() =>
        inspectPlan('r', op('ProduceResults', [op('Filter', [op('AllNodesScan')], 'gds.util.asNode(n) = n')]), 'neo4j'),
      ),
    ).toBe('function_not_allowed');
    expect(
      refusal(() => inspectPlan('r', projection('duration.between(date(), date()) AS d, toUpper(n.a) AS u'), 'neo4j')),
    ).toBe('accepted');
  });
});
