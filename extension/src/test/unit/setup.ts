// Runs before every unit test: makes `require('vscode')` return a small stand-in (the real module exists only
// inside a VS Code host). Code under test reaches VS Code's functions through src/common/vscodeApi.ts, which tests
// stub with sinon; this stand-in only has to supply the value classes (ThemeColor, Range, ...).
import Module = require('module');
import * as vscodeMock from './vscodeMock';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') {
        return vscodeMock;
    }
    return originalLoad.call(this, request, parent, isMain);
};
