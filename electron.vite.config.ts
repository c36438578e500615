// Three builds from one config (electron-vite): main (with the plain-Node CLI and engine
// process as extra entries), the sandboxed preload (CommonJS, as sandboxing requires), and
// the React renderer.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          cli: resolve('electron/host/cli.ts'),
          'engine-process': resolve('electron/host/engine-process.ts'),
          // the analyzers' thread (core/analyze/analysis-thread.ts finds it beside the entries)
          'analyze-worker': resolve('electron/core/analyze/analyze-worker.ts')
        },
        // keep cli.js's exports: bin.js imports main() from it
        preserveEntrySignatures: 'exports-only',
        // the wall benchmark drives Chromium with it when installed (a development dependency)
        external: ['playwright-core']
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: 'renderer',
    publicDir: resolve('resources/public'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: { index: resolve('renderer/index.html') } }
    }
  }
})
