// Issue 12: a query nesting deeper than MAX_NESTING is refused by layer 1 (pure), before it reaches Neo4j, whose
// parser leaves such queries unanswered. Exact depths on small hand-written queries.
import { describe, expect, it } from 'vitest';
import { ConsoleRefusal, inspectStatement, lexCypher, MAX_NESTING, nestingOf } from '../../server/src/console';

const depth = (q: string) => nestingOf(lexCypher(q)).depth;

function refusalOf(q: string): ConsoleRefusal | null {
  try {
    inspectStatement(q);
    return null;
  } catch (e) {
    if (e instanceof ConsoleRefusal) return e;
    throw e;
  }
}

describe('nestingOf', () => {
  it('counts brackets, CASE, NOT runs and .key chains', () => {
    expect(depth('RETURN 1')).toBe(0);
    expect(depth('MATCH (n) RETURN n')).toBe(1);
    expect(depth('RETURN ((1))')).toBe(2);
    expect(depth('RETURN [[1], [2, [3]]]')).toBe(3);
    expect(depth('RETURN {a: {b: 1}}')).toBe(2);
    expect(depth('RETURN CASE WHEN true THEN CASE WHEN false THEN 1 END END')).toBe(2);
    expect(depth('RETURN NOT NOT NOT true')).toBe(2);
    expect(depth('WITH {a: {a: {a: 1}}} AS m RETURN m.a.a.a')).toBe(3);
    expect(depth('RETURN [x IN range(1, 3) | (x)]')).toBe(2);
    expect(depth('UNWIND [1..3] AS x RETURN 1.5 + x')).toBe(1);
  });

  it('ignores brackets inside strings, comments and escaped names', () => {
    expect(depth("RETURN '((((' AS `((`, 1 // ((((\n")).toBe(0);
    expect(depth('RETURN /* [[[[ */ [1]')).toBe(1);
  });
});

describe('inspectStatement refuses deep nesting', () => {
  it(`accepts ${MAX_NESTING} levels and refuses ${MAX_NESTING + 1}, naming the limit and the place`, () => {
    const at = (n: number) => 'RETURN ' + '('.repeat(n) + '1' + ')'.repeat(n);
    expect(refusalOf(at(MAX_NESTING))).toBeNull();
    const r = refusalOf(at(MAX_NESTING + 1));
    expect(r?.code).toBe('query_too_deep');
    expect(r?.message).toContain(`at most ${MAX_NESTING}`);
    expect(r?.message).toContain('line 1, column 108');
  });

  it('refuses 10,000 levels of every shape at once (no stack overflow in the guard)', () => {
    const n = 10_000;
    const shapes = [
      'RETURN ' + '('.repeat(n) + '1' + ')'.repeat(n),
      'RETURN ' + '['.repeat(n) + '1' + ']'.repeat(n),
      'RETURN ' + '{a:'.repeat(n) + '1' + '}'.repeat(n),
      'RETURN ' + 'NOT '.repeat(n) + 'true',
      'RETURN ' + 'CASE WHEN true THEN '.repeat(n) + '1' + ' END'.repeat(n),
      'WITH {a: 1} AS m RETURN m' + '.a'.repeat(n),
      'RETURN 1\n' + '('.repeat(n),
    ];
    for (const q of shapes) expect(refusalOf(q)?.code, q.slice(0, 40)).toBe('query_too_deep');
  });
});
