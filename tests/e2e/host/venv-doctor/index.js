// extensionTestsPath for Venv Doctor's extension-host tests (the extension is loaded from the unpacked VSIX).
'use strict';
const { runMochaFolder } = require('../mocha-runner');

exports.run = () => runMochaFolder(__dirname);
