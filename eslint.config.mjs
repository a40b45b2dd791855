// @ts-check
// ESLint flat config: typescript-eslint's typed presets, plus the architecture's one hard boundary:
// the pure folders never import `vscode`, so they run in plain Node (tests, CLI, benchmarks).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @type {import('eslint').Linter.RulesRecord} */
const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Pure code must not import vscode: put the adapter in src/vscode/.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test-host/**', 'examples/**', 'test/fixtures/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The scripts are JavaScript with JSDoc types, type-checked by tsconfig.scripts.json.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.scripts.json', tsconfigRootDir: import.meta.dirname, jsDocParsingMode: 'all' } },
    rules: {
      // TypeScript already knows Node's globals and reports unknown names; this rule does not.
      'no-undef': 'off',
      // CommonJS scripts (the mocha reporter, the benchmark helpers) require what they use.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/analysis/**', 'src/editing/**', 'src/timeline/**', 'src/flashcards/**', 'src/settings/**', 'src/shared/**', 'src/cli/**', 'src/webview/**', 'test/unit/**'],
    rules: noVscode,
  },
  {
    files: ['test/**'],
    rules: {
      // mocha's describe/it return values are not promises to await.
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
