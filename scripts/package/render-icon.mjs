// Renders the extension's icon: extension/images/icon.svg -> a 128x128 PNG (the Marketplace's icon size).
//   node scripts/package/render-icon.mjs SVG PNG RENDERER_PREFIX   (the npm prefix @resvg/resvg-js is installed in)
// resvg (@resvg/resvg-js, pinned by scripts/package.sh) is a deterministic renderer with no system fonts or
// libraries involved, so the same SVG and the same renderer version give the same bytes on every machine; the
// packaging test (tests/package) renders again and compares. Fonts are not loaded: the icon has no text.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [svgPath, pngPath, prefix] = process.argv.slice(2);
if (!svgPath || !pngPath || !prefix) {
  console.error('usage: render-icon.mjs SVG PNG RENDERER_PREFIX');
  process.exit(2);
}
const { Resvg } = createRequire(path.join(path.resolve(prefix), 'package.json'))('@resvg/resvg-js');
const svg = fs.readFileSync(svgPath, 'utf8');
const png = new Resvg(svg, { fitTo: { mode: 'width', value: 128 }, font: { loadSystemFonts: false } }).render();
if (png.width !== 128 || png.height !== 128) {
  console.error(`render-icon: ${svgPath} renders at ${png.width}x${png.height}, not 128x128`);
  process.exit(1);
}
fs.writeFileSync(pngPath, png.asPng());
