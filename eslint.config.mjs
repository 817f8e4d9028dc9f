// Lint keeps the layer arrows of DESIGN.md pointing down (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:net', 'node:http', 'pg', 'better-sqlite3', 'kysely', 'fastify'];
const upper = (...layers) => layers.map((l) => `**/${l}/**`);

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message: 'Layer rule: imports point down only (docs/ARCHITECTURE.md).' }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.mjs', 'bin/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/domain/**/*.ts', 'src/extract/**/*.ts', 'src/signals/**/*.ts', 'src/privacy/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([...io, ...upper('store', 'app', 'api', 'jobs', 'cli', 'web')]),
  },
  { files: ['src/contracts/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict([...io, ...upper('store', 'app', 'api', 'jobs', 'cli', 'web')]) },
  { files: ['src/store/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict(upper('app', 'api', 'jobs', 'cli', 'web')) },
  { files: ['src/app/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict(upper('api', 'jobs', 'cli', 'web')) },
  // The outer layers side by side: the server (api) starts the jobs; neither reaches into the command line.
  { files: ['src/jobs/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict(upper('api', 'cli', 'web')) },
  { files: ['src/api/**/*.ts'], ignores: ['**/*.test.ts'], rules: restrict(upper('cli', 'web')) },
  // The browser app reaches the server only over HTTP: of src/ it imports the contracts alone.
  { files: ['web/src/**/*.{ts,tsx}'], rules: restrict([...io, ...['domain', 'extract', 'signals', 'store', 'app', 'api', 'jobs', 'cli', 'config'].map((l) => `**/src/${l}/**`)]) },
);
