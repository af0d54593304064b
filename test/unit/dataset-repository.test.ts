// repositories/dataset.ts: schema statements and relationship ids.
import { describe, expect, it } from 'vitest';
import { schemaStatements } from '../../server/src/repositories/dataset';

describe('schemaStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    expect(schemaStatements('// c\nCREATE A;\nCREATE B\n  ON X;\n')).toEqual(['CREATE A', 'CREATE B\n  ON X']);
  });
});
