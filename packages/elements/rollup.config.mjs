// Bundles <poet-survey> into one minified ES module with Lit included:
// packages/elements/dist/poet-elements.js. Input is tsc's output (run `tsc -b` first; the root
// `pnpm run build` does both), so the bundle is exactly the type-checked code. Only types are
// imported from @poetkit/compiler, so ajv never enters the bundle; the validator is loaded at
// run time from <id>.validator.js.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  input: here('./dist/src/index.js'),
  output: {
    file: here('./dist/poet-elements.js'),
    format: 'es',
    sourcemap: false,
  },
  plugins: [
    // Lit's default export condition is its production build (no dev-mode warnings).
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    // Any warning (a circular import, an unresolved module) is a build error here.
    throw new Error(`rollup: ${warning.message}`);
  },
};
