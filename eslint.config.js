// Lint rules, including the import directions of DEVELOPERS.md's layout:
//   - only server/src/neo4j/ (and tests) may import neo4j-driver;
//   - routes never reach the database layer: they validate and call a repository;
//   - the client imports nothing from the server but types from server/src/contract.ts;
//   - components are props-only (no API calls), state slices are pure (no React, no sigma);
//   - server/src/extract/ is pure: it reaches neither the database nor the web framework.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const driverOnlyInNeo4j = {
  name: 'neo4j-driver',
  message: 'Only server/src/neo4j/ may import neo4j-driver; go through a repository.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'server/neo4j/target/', '.neo4j/', 'coverage/', 'docs/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'client/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [driverOnlyInNeo4j] }],
    },
  },
  { files: ['server/src/neo4j/**', 'test/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['server/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j],
          patterns: [{ group: ['**/neo4j/*'], message: 'Routes call repositories, never the database layer.' }],
        },
      ],
    },
  },
  {
    // the extraction pipeline is pure: no database, no web framework; the app injects what it needs
    files: ['server/src/extract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j, { name: 'fastify', message: 'The extraction pipeline is pure: routes call it.' }],
          patterns: [
            {
              group: ['**/neo4j/*', '**/repositories/*', '**/routes/*'],
              message: 'The extraction pipeline is pure: inject a matcher instead of reaching the database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j],
          patterns: [
            {
              regex: 'server/src/(?!contract$)',
              message: 'The client may only `import type` from server/src/contract.ts.',
            },
            { regex: 'server/src/contract$', allowTypeImports: true, message: 'Use `import type` for the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)api(/|$)', message: 'Components are props-only: fetch in a view or controller.' },
            { regex: 'server/src/(?!contract$)', message: 'The client may only `import type` from the contract.' },
            { regex: 'server/src/contract$', allowTypeImports: true, message: 'Use `import type` for the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/state/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'sigma', '@react-sigma/core'],
          patterns: [
            { regex: '(^|/)(api|graph|components|views)(/|$)', message: 'State slices are pure producers.' },
            { regex: 'server/src/(?!contract$)', message: 'The client may only `import type` from the contract.' },
            { regex: 'server/src/contract$', allowTypeImports: true, message: 'Use `import type` for the contract.' },
          ],
        },
      ],
    },
  },
);
