// ESLint flat config. The layer rules below are the architecture (DESIGN.md §1), enforced.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

/** Core may import only itself and small pure libraries. */
const CORE_ALLOWED_PACKAGES = ['yaml', 'zod']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**', 'bench/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // ---------------------------------------------------------------------------------------------
  // Do not relax these rules. They keep the layers apart and the simulation deterministic.
  // ---------------------------------------------------------------------------------------------
  {
    // core (minus host): no host APIs, no wall time, no Math.random, only pure dependencies.
    files: ['core/**/*.ts'],
    ignores: ['core/host/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: "Use the simulation's seeded Random (core/random.ts).",
        },
        {
          object: 'Date',
          property: 'now',
          message: 'Core has no wall time: use the virtual Clock.',
        },
        {
          object: 'performance',
          property: 'now',
          message: 'Core has no wall time: use the virtual Clock.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Core has no wall time: use the virtual Clock.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Core has no wall time: use the virtual Clock.',
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'queueMicrotask',
          'requestAnimationFrame',
        ].map((name) => ({
          name,
          message: 'Core has no real timers: schedule on the virtual Clock.',
        })),
        ...['window', 'document', 'process', 'globalThis', 'self', 'crypto', 'performance'].map(
          (name) => ({
            name,
            message: 'Core touches no host: put host code in core/host/.',
          }),
        ),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!\\.|(${CORE_ALLOWED_PACKAGES.join('|')})(/|$))`,
              message: `core imports only core and pure libraries (${CORE_ALLOWED_PACKAGES.join(', ')}).`,
            },
            {
              regex: '(^|/)host/',
              message: 'core must not depend on core/host; it is the other way round.',
            },
            {
              regex: '^(\\.\\./)+(renderer|electron|tests|scenarios)/',
              message: 'core is the innermost layer.',
            },
          ],
        },
      ],
    },
  },
  {
    // core/host: core plus its host's APIs; never the UI or Electron.
    files: ['core/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron is imported only in electron/.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+(renderer|electron)/',
              message: 'core/host serves the UI; it does not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // renderer: core only through core/protocol.ts, and for its types only. No electron.
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron is imported only in electron/.' }],
          patterns: [
            {
              regex: '/core/(?!protocol(\\.ts)?$)',
              message: 'The renderer talks to core only through core/protocol.ts.',
            },
            {
              regex: '/core/protocol(\\.ts)?$',
              allowTypeImports: true,
              message: 'Import core/protocol.ts with `import type`.',
            },
            {
              regex: '^(\\.\\./)+electron/',
              message: 'The renderer reaches Electron only through the preload bridge.',
            },
            { regex: '^cytoscape', message: 'cytoscape lives in the topology component only.' },
          ],
        },
      ],
    },
  },
  {
    // The graph components, the only places that may use cytoscape (still bound by the protocol
    // rules): each owns its own Cytoscape instance.
    files: [
      'renderer/src/components/TopologyView.vue',
      'renderer/src/components/WorkloadsGraph.vue',
      'renderer/src/topology/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron is imported only in electron/.' }],
          patterns: [
            {
              regex: '/core/(?!protocol(\\.ts)?$)',
              message: 'The renderer talks to core only through core/protocol.ts.',
            },
            {
              regex: '/core/protocol(\\.ts)?$',
              allowTypeImports: true,
              message: 'Import core/protocol.ts with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // electron: core only through core/protocol.ts types.
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '/core/(?!protocol(\\.ts)?$|host/)',
              message:
                'electron/ uses core only through core/protocol.ts (and spawns core/host/node.ts).',
            },
            {
              regex: '/core/protocol(\\.ts)?$',
              allowTypeImports: true,
              message: 'Import core/protocol.ts with `import type`.',
            },
            { regex: '^(\\.\\./)+renderer/', message: 'electron/ does not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    // electron is imported nowhere but electron/.
    files: ['tests/**/*.ts', 'scripts/**/*.mjs', '*.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Importing electron from Node downloads its binary; only electron/ may.',
            },
          ],
        },
      ],
    },
  },
  prettier,
)
