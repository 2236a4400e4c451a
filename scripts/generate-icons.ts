/**
 * `npx tsx scripts/generate-icons.ts`: renders public/favicon.svg to the PNG app icons and
 * favicon.ico that public/ holds (committed; re-run after changing the SVG). Chromium draws the
 * SVG, so no image library is needed; the .ico wraps PNGs, which every current browser reads.
 */
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertChromium, CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';

const publicDir = path.resolve(import.meta.dirname, '..', 'public');
const svg = readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8');

const PNGS: { file: string; size: number }[] = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  { file: 'apple-touch-icon.png', size: 180 },
];
const ICO_SIZES = [16, 32, 48];

/** An ICO file holding PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  assertChromium();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const render = async (size: number) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    for (const { file, size } of PNGS) writeFileSync(path.join(publicDir, file), await render(size));
    const images = [];
    for (const size of ICO_SIZES) images.push({ size, png: await render(size) });
    writeFileSync(path.join(publicDir, 'favicon.ico'), icoOf(images));
  } finally {
    await browser.close();
  }
  console.log(`wrote ${[...PNGS.map((p) => p.file), 'favicon.ico'].join(', ')} in public/`);
}

void main();
