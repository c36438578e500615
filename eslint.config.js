// Lint enforces the architecture: the core and host never import 'electron', shared/
// never reaches Node or the DOM, the renderer never reaches Node.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'net',
  'http',
  'crypto',
  'child_process',
  'worker_threads',
  'url',
  'util'
]

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The core and host run in plain Node: never import electron here.' }] }
      ]
    }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: nodeBuiltins.map((group) => ({
            group: [group],
            message: 'shared/ runs anywhere: no Node, no Electron.'
          }))
        }
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer']
    }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: nodeBuiltins.map((group) => ({
            group: [group],
            message: 'The renderer is a sandboxed page: no Node.'
          }))
        }
      ]
    }
  },
  {
    // plain-JS entry points run under Node
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } }
  }
)
