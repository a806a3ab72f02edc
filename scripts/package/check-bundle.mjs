// The VSIX ships no node_modules (vsce --no-dependencies), so the bundled entry point may load only `vscode` and
// Node's built-in modules. A leftover require of a package or a relative file — e.g. a UMD module (jsonc-parser)
// whose inner requires the bundler did not follow — fails at activation on the user's machine; catch it here.
// The bundle is loaded in plain Node with a stand-in for `vscode` (only module-level code runs, not activate()).
//   node scripts/package/check-bundle.mjs extension/dist/extension.js
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';

const file = path.resolve(process.argv[2]);
const require = createRequire(import.meta.url);

// Whatever is asked of the stand-in is another stand-in: callable, constructible, extendable.
const stub = new Proxy(function vscodeStub() {}, {
  get: (target, key) => (key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => stub,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};

try {
  require(file);
  console.error(`package: ${path.relative(process.cwd(), file)} loads with only vscode and Node built-ins`);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    console.error(`package: ${path.relative(process.cwd(), file)} requires a module the VSIX does not ship: ${error.message.split('\n')[0]}`);
    console.error("package: bundle it (esbuild: for UMD packages such as jsonc-parser, mainFields: ['module', 'main'])");
    process.exit(1);
  }
  // Other errors come from the stand-in's limits, not from the bundle's dependencies.
  console.error(`package: note: loading ${file} with a stand-in vscode threw ${error}; dependencies were resolved`);
}
