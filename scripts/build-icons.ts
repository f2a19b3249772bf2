/**
 * Draws the add-in's ribbon and manifest icons (assets/icon-16/32/64/80/128.png): a blue sheet with a
 * grid and a check mark. Run: npx tsx scripts/build-icons.ts
 */
import * as fs from "fs";
import * as path from "path";
import { PNG } from "pngjs";

const SIZES = [16, 32, 64, 80, 128];

function draw(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const set = (x: number, y: number, [r, g, b, a]: number[]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const i = (y * size + x) * 4;
    png.data[i] = r;
    png.data[i + 1] = g;
    png.data[i + 2] = b;
    png.data[i + 3] = a;
  };
  const blue = [0x1f, 0x5f, 0xa8, 255];
  const white = [255, 255, 255, 255];
  const m = Math.max(1, Math.round(size / 16));
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) set(x, y, [0, 0, 0, 0]);
  for (let y = m; y < size - m; y++) for (let x = m; x < size - m; x++) set(x, y, blue);
  // Grid lines of the sheet.
  const cells = 4;
  for (let k = 1; k < cells; k++) {
    const p = Math.round(m + ((size - 2 * m) * k) / cells);
    for (let t = m; t < size - m; t++) {
      set(p, t, [0x9c, 0xc3, 0xe8, 255]);
      set(t, p, [0x9c, 0xc3, 0xe8, 255]);
    }
  }
  // Check mark.
  const w = Math.max(1, Math.round(size / 10));
  const line = (x0: number, y0: number, x1: number, y1: number, c: number[]) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) * 2;
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let dx = -w; dx <= w; dx++) for (let dy = -w; dy <= w; dy++) if (dx * dx + dy * dy <= w * w) set(Math.round(x + dx), Math.round(y + dy), c);
    }
  };
  line(size * 0.22, size * 0.52, size * 0.42, size * 0.72, white);
  line(size * 0.42, size * 0.72, size * 0.78, size * 0.28, white);
  return PNG.sync.write(png);
}

const out = path.join(__dirname, "..", "assets");
fs.mkdirSync(out, { recursive: true });
for (const s of SIZES) fs.writeFileSync(path.join(out, `icon-${s}.png`), draw(s));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);
