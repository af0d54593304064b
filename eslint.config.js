// Lint rules, including the import directions of the layout described in README.md, section "Layout" (and, for
// the client, client/src/README.md):
//   - only server/src/neo4j/ (and tests) may import neo4j-driver;
//   - routes never reach the database layer (nor the console's guard): they validate and call a repository;
//   - server/src/console/ (the console's guard) is pure: no driver, no Fastify, no database layer;
//   - server/src/cli/ (command-line tools) may import anything server-side; nothing in server/src imports it;
//   - contract/ (the API's zod schemas and types) imports nothing but zod; server and client both import it;
//   - the client imports nothing from server/ (its types and schemas come from contract/);
//   - the review screen (views/Extract) reaches the server only through core/extract;
//   - components are props-only: no API calls, no store, no views, nothing but types from state slices;
//   - state slices are pure producers (no React, no sigma, no fetch, no store);
//   - the explorer store (client/src/core/) may use state/, api/, layouts/ and utils/, never what renders it;
//   - the explorer's views reach the server only through the store's actions;
//   - the test-only scaffolding (client/src/testing/) is imported by nothing in the app (main.tsx loads it lazily).
//   - server/src/extract/ is pure: it reaches neither the database nor the web framework.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const driverOnlyInNeo4j = {
  name: 'neo4j-driver',
  message: 'Only server/src/neo4j/ may import neo4j-driver; go through a repository.',
};
const clientNotServer = {
  regex: '(^|/)server(/|$)',
  message: 'The client imports nothing from server/: the API shapes (schemas and types) are in contract/.',
};
const cliIsALeaf = {
  group: ['**/cli/*', '**/cli'],
  message: 'server/src/cli/ holds command-line entry points; import what they use from its own module instead.',
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
      'no-restricted-imports': ['error', { paths: [driverOnlyInNeo4j], patterns: [cliIsALeaf] }],
    },
  },
  {
    files: ['server/src/neo4j/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [cliIsALeaf] }] },
  },
  { files: ['test/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['server/src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [driverOnlyInNeo4j] }] },
  },
  {
    files: ['contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\./)',
              message:
                'contract/ imports nothing but zod and its own files, so both the server and the client can use it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j],
          patterns: [
            cliIsALeaf,
            { group: ['**/neo4j/*'], message: 'Routes call repositories, never the database layer.' },
            { group: ['**/console', '**/console/*'], message: 'Routes call repositories, never the console guard.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/console/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            driverOnlyInNeo4j,
            { name: 'fastify', message: 'The console guard is pure: the app decides HTTP statuses (app.ts).' },
          ],
          patterns: [
            { group: ['@fastify/*', 'fastify-*'], message: 'The console guard is pure: no HTTP here.' },
            {
              group: ['**/neo4j/*', '**/repositories/*', '**/routes/*', '**/app', '**/cli/*'],
              message: 'The console guard is pure: server/src/neo4j/console.ts runs it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/duplicates/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j, { name: 'fastify', message: 'The duplicate finder is pure: no server here.' }],
          patterns: [
            {
              group: ['**/neo4j/*', '**/repositories/*', '**/routes/*'],
              message: 'The duplicate finder is pure (the import and the extractor call it too): no database here.',
            },
          ],
        },
      ],
    },
  },
  {
    // accounts: hashing, the role table and sessions are pure; auth.ts (the hook) and the routes use them
    files: ['server/src/accounts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j, { name: 'fastify', message: 'Accounts are pure: auth.ts is the hook.' }],
          patterns: [
            {
              group: ['**/neo4j/*', '**/repositories/*', '**/routes/*', '**/app', '**/cli/*'],
              message: 'Accounts are pure: sessions get the user look-up as a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    // the import engine decides and reads files; it gets the repository that writes as a parameter (only its
    // command line, cli.ts, composes a database)
    files: ['server/src/import/**'],
    ignores: ['server/src/import/cli.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/neo4j/db', '**/repositories', '**/repositories/*', '**/start', '**/routes/*'],
              allowTypeImports: true,
              message: 'The import engine takes its repository as a parameter; only import/cli.ts composes one.',
            },
          ],
        },
      ],
    },
  },
  {
    // backups: the data-set half is pure; the folder code gets its database as a parameter (the CLIs compose it)
    files: ['server/src/backup/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [driverOnlyInNeo4j],
          patterns: [
            {
              group: ['**/repositories', '**/repositories/*', '**/start', '**/routes/*', '**/cli/*'],
              allowTypeImports: true,
              message: 'Backups take their Db as a parameter; server/src/cli/backup.ts and restore.ts compose it.',
            },
          ],
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
            clientNotServer,
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
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
            {
              regex: '(^|/)(api|core|views|app)(/|$)',
              message: 'Components are props-only: pass data and callbacks from a view or panel (no fetch, no store).',
            },
            {
              regex: '(^|/)state(/|$)',
              allowTypeImports: true,
              message:
                'Components are props-only: a view passes what a state producer computes (types may be imported).',
            },
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
            clientNotServer,
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
            {
              regex: '(^|/)(api|graph|components|views|core|app|layouts)(/|$)',
              message: 'State slices are pure producers.',
            },
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
            clientNotServer,
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['react-dom', '@react-sigma/core'],
          patterns: [
            {
              regex: '(^|/)(components|views|graph|app)(/|$)',
              message: 'The store holds and sequences state; it never imports what renders it.',
            },
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
            clientNotServer,
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/views/Explorer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api(/|$)',
              message: "The explorer reaches the server through the store's actions (client/src/core/explorer).",
            },
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
            clientNotServer,
          ],
        },
      ],
    },
  },
  {
    // the review screen: the view reaches the server through its store's actions; its pieces get props
    files: ['client/src/views/Extract/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)api(/|$)',
              message: "The review screen reaches the server through its store's actions (client/src/core/extract).",
            },
            { regex: '(^|/)testing(/|$)', message: 'Test-only code is loaded lazily by main.tsx, never imported.' },
            clientNotServer,
          ],
        },
      ],
    },
  },
  {
    // the lazy entry of the test hooks and the hooks themselves
    files: ['client/src/main.tsx', 'client/src/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [clientNotServer],
        },
      ],
    },
  },
);
