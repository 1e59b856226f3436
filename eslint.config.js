// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
