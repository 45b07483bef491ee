/**
 * The Teams app's two icons, drawn from pixel data when first asked for: a colour icon (192×192, the
 * emblem in white on the accent colour) and an outline icon (32×32, the emblem in white on transparency,
 * as Teams requires for its app bar). The emblem is a knooppunt: three nodes joined to a centre.
 */
import { deflateSync } from "node:zlib";

export const ACCENT_COLOR = "#1F7A4D";

type Rgba = readonly [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const ACCENT: Rgba = [0x1f, 0x7a, 0x4d, 255];

/** The emblem in a unit square: centres of the nodes, and the lines between them. */
const CENTRE = [0.5, 0.54] as const;
const NODES = [
  [0.5, 0.2],
  [0.22, 0.76],
  [0.78, 0.76],
] as const;
const NODE_RADIUS = 0.1;
const CENTRE_RADIUS = 0.12;
const LINE_HALF_WIDTH = 0.035;

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideEmblem(x: number, y: number): boolean {
  if (Math.hypot(x - CENTRE[0], y - CENTRE[1]) <= CENTRE_RADIUS) return true;
  return NODES.some((node) => Math.hypot(x - node[0], y - node[1]) <= NODE_RADIUS || distanceToSegment(x, y, CENTRE, node) <= LINE_HALF_WIDTH);
}

/** RGBA pixels: the emblem over `background`, its edges smoothed by sampling each pixel 4×4 times. */
function drawEmblem(size: number, background: Rgba | null): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const SAMPLES = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (insideEmblem((x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size)) covered++;
        }
      }
      const share = covered / (SAMPLES * SAMPLES);
      const at = (y * size + x) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(WHITE[c]! * share + background[c]! * (1 - share));
        pixels[at + 3] = 255;
      } else {
        pixels.set([255, 255, 255, Math.round(255 * share)], at);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG of 8-bit RGBA pixels, each row with filter type 0. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter choice, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", new Uint8Array()),
  ]);
}

let drawn: { color: Buffer; outline: Buffer } | undefined;

/** The same bytes every time: drawn once per process. */
export function appIcons(): { color: Buffer; outline: Buffer } {
  drawn ??= { color: encodePng(192, drawEmblem(192, ACCENT)), outline: encodePng(32, drawEmblem(32, null)) };
  return drawn;
}
