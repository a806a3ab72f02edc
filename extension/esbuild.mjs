// Bundles the extension into one file (dist/extension.js). `vscode` is provided by the host at run time.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outfileArg = process.argv.indexOf('--outfile');

const options = {
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    // --outfile lets the tests bundle to a temporary place and activate exactly what ships.
    outfile: outfileArg >= 0 ? process.argv[outfileArg + 1] : 'dist/extension.js',
    external: ['vscode'],
    // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow (the VSIX then fails to
    // activate: "Cannot find module './impl/format'"); its ES module build bundles cleanly.
    mainFields: ['module', 'main'],
    sourcemap: !production,
    minify: production,
    logLevel: outfileArg >= 0 ? 'warning' : 'info',
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
