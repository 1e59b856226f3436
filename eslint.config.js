// @ts-check
import js from '@eslint/js';
import eslintReact from '@eslint-react/eslint-plugin';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The web app's files: React, Next and accessibility rules on top of the TypeScript ones. */
const WEB = ['web/**/*.{ts,tsx}'];

export default tseslint.config(
  // Generated migrations are frozen as the generator wrote them.
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.next/**',
      '**/.turbo/**',
      'data/**',
      'coverage/**',
      'migrations/Migration*.ts',
      // Written by GraphQL code generation and by Next.
      'web/gql/**',
      'web/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.cjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only the configuration (server/app/config) reads process.env: take a value from Config instead.',
        },
      ],
      eqeqeq: ['error', 'always'],
      // Async generators over in-memory data and Fastify's async handlers need no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The composition root's entry points hand the environment to the configuration.
    files: ['server/app/config/**', 'server/app/cli/main.ts', 'scripts/**', '**/*.test.ts', 'bench/**', 'tests/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Jest's asymmetric matchers (expect.stringMatching, expect.any) are typed `any`.
    files: ['**/*.test.ts', '**/*.contract.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  { files: WEB, ...eslintReact.configs['recommended-type-checked'] },
  { files: WEB, ...reactHooks.configs.flat.recommended },
  { files: WEB, ...jsxA11y.configs.strict },
  {
    files: WEB,
    plugins: { '@next/next': nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs['core-web-vitals'].rules },
    settings: { next: { rootDir: 'web/' } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
