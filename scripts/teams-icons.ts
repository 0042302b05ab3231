/**
 * Draws the Teams app icons, so they can be reproduced instead of being opaque binaries:
 * `npm run build && node dist/scripts/teams-icons.js [out-dir]` writes color.png (192×192) and
 * outline.png (32×32) to teams/ (or out-dir). The glyph is a shield split down the middle: AWS's half
 * and yours. Teams wants the colour icon full-colour and the outline icon white on transparent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { PACKAGE_ROOT } from '../src/package-root.js';

type Rgba = readonly [number, number, number, number];

const NAVY: Rgba = [0x23, 0x2f, 0x3e, 255]; // the manifest's accentColor
const ORANGE: Rgba = [0xff, 0x99, 0x00, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Samples per pixel side: 4×4 samples give smooth (anti-aliased) edges. */
const SUPERSAMPLE = 4;

/**
 * The shield in unit coordinates (0..1 across the icon): straight sides from the top down to `waist`,
 * then an elliptical curve to the point at the bottom. `inset` shrinks it (for the outline's hole).
 */
function inShield(x: number, y: number, inset = 0): boolean {
  const cx = 0.5;
  const top = 0.16 + inset;
  const waist = 0.5;
  const bottom = 0.88 - inset * 1.6;
  const half = 0.32 - inset;
  if (y < top || y > bottom || half <= 0) return false;
  if (y <= waist) return Math.abs(x - cx) <= half;
  const t = (y - waist) / (bottom - waist);
  return Math.abs(x - cx) <= half * Math.sqrt(1 - t * t);
}

/** Renders `paint(x, y)` (unit coordinates → a colour, or null for nothing) with supersampling. */
function draw(size: number, background: Rgba | null, paint: (x: number, y: number) => Rgba | null): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          const c = paint(x, y) ?? background;
          if (!c) continue;
          // Premultiplied sums, so transparent samples do not darken the edge colour.
          r += (c[0] * c[3]) / 255;
          g += (c[1] * c[3]) / 255;
          b += (c[2] * c[3]) / 255;
          a += c[3];
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const i = (py * size + px) * 4;
      const alpha = a / n;
      png.data[i] = alpha ? Math.round((r / n / alpha) * 255) : 0;
      png.data[i + 1] = alpha ? Math.round((g / n / alpha) * 255) : 0;
      png.data[i + 2] = alpha ? Math.round((b / n / alpha) * 255) : 0;
      png.data[i + 3] = Math.round(alpha);
    }
  }
  return png;
}

/** 192×192, full colour: on navy, the shield's left half in AWS orange and the right half in white. */
export function colorIcon(): PNG {
  return draw(192, NAVY, (x, y) => (inShield(x, y) ? (x < 0.5 ? ORANGE : WHITE) : null));
}

/** 32×32, white on transparent: the shield's outline and the line down its middle. */
export function outlineIcon(): PNG {
  const stroke = 0.085; // about 2.7 px at 32 px: thinner lines vanish at Teams' 16–20 px display size
  return draw(32, null, (x, y) => {
    if (!inShield(x, y)) return null;
    const edge = !inShield(x, y, stroke);
    const middle = Math.abs(x - 0.5) <= stroke / 2;
    return edge || middle ? WHITE : null;
  });
}

export function writeIcons(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(outlineIcon()));
}

// Run as a script (not when imported): dist/scripts/teams-icons.js → <package>/teams/.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(PACKAGE_ROOT, 'teams'));
  writeIcons(out);
  console.log(`Wrote ${join(out, 'color.png')} and ${join(out, 'outline.png')}`);
}
