import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';

const ROOT = import.meta.dirname;
const WORKSPACES = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).workspaces;

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.invekto/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    settings: { 'import-x/resolver': { node: true }, 'import-x/ignore': ['node_modules'] },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Test tooling lives in the root package.json; tests may use it and their own package's dependencies.
    files: [
      '**/*.test.ts',
      '**/__fixtures__/**',
      'tests/**',
      'bench/**',
      'scripts/**',
      'vitest.config.ts',
      'eslint.config.mjs',
    ],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: true, packageDir: [ROOT, ...WORKSPACES.map((dir) => `${ROOT}/${dir}`)] },
      ],
    },
  },
  {
    files: ['services/backend/web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
