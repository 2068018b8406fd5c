/**
 * The files parties send for a dispute that stays open after shipping: the buyer's photos of
 * what arrived (PNG) and the merchant's delivery receipt from the courier (PDF). They are drawn,
 * not stored: small images and one-page documents generated from a seeded stream, so a seed
 * always gives the same bytes and so the same SHA-256 in its dispute messages.
 *
 * The PNG data is compressed by the zlib Node ships; its output is stable for one Node build,
 * so replaying a seed against a hub filled by a different Node version could change a photo's
 * hash (and the hub would see a different body under the same event id).
 */
// zlib's crc32 is the CRC-32 (ISO 3309) PNG chunks are checked with.
import { crc32, deflateSync } from 'node:zlib';
import { sha256Hex } from '../core/attachments/content.js';
import type { AttachmentMime, AttachmentRef } from '../shared/escrow/dispute.js';
import type { DisputeReason } from '../shared/escrow/order.js';
import type { MarketplaceEvent } from '../shared/marketplace.js';
import { evidenceMessage } from './messages.js';
import type { Random } from './random.js';
import { HOUR_MS, MINUTE_MS } from './timeline.js';

/** A file's bytes with the type it is sent as: what the sender uploads. */
export interface AttachmentFile {
  mime: AttachmentMime;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface EvidenceFile extends AttachmentFile {
  ref: AttachmentRef;
}

type DisputeMessage = Omit<Extract<MarketplaceEvent, { type: 'dispute.message' }>, 'id'>;

/** A dispute message carrying files, and when it is sent. */
export interface Evidence {
  at: number;
  body: DisputeMessage;
  files: EvidenceFile[];
}

/** What the evidence of an open dispute depends on. */
export interface OpenDispute {
  orderId: string;
  disputeId: string;
  reason: DisputeReason;
  shippedAt: number;
  openedAt: number;
  trackingNo?: string;
  /** The real date of simulated time 0: receipts print real dates. */
  epochMs: number;
}

// ---------------------------------------------------------------------------------------------
// PNG: 8-bit RGB, one IDAT, no filtering (the scenes are flat colours and deflate well as they are).

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** length, type, data, and the CRC of type and data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(Buffer.from(type, 'ascii'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array<ArrayBuffer> {
  const stride = width * 3;
  if (rgb.length !== height * stride) throw new RangeError(`${width}x${height} RGB needs ${height * stride} bytes, not ${rgb.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8 /* bits per sample */, 2 /* RGB */, 0 /* deflate */, 0 /* adaptive filtering */, 0 /* no interlace */], 8);
  // Each scanline starts with its filter type: 0, none.
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y += 1) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  // zlib's default level: level 9 takes eight times as long on these scenes for a few per cent less.
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array(0))]);
}

// ---------------------------------------------------------------------------------------------
// Photos: a parcel on a table, with what the buyer complains about drawn on it.

type Rgb = readonly [number, number, number];

const PHOTO_WIDTH = 160;
const PHOTO_HEIGHT = 120;

/** An RGB raster; drawing outside it is clipped. */
class Canvas {
  readonly rgb: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
  }

  /** The rectangle from (x0, y0) to (x1, y1), both corners included. */
  fill(x0: number, y0: number, x1: number, y1: number, [r, g, b]: Rgb): void {
    for (let y = Math.max(0, y0); y <= Math.min(this.height - 1, y1); y += 1) {
      for (let x = Math.max(0, x0), i = (y * this.width + x) * 3; x <= Math.min(this.width - 1, x1); x += 1, i += 3) {
        // Byte by byte: a typed-array set() per pixel is ten times slower.
        this.rgb[i] = r;
        this.rgb[i + 1] = g;
        this.rgb[i + 2] = b;
      }
    }
  }

  /** A stroke `thickness` pixels wide (Bresenham, a square stamped at each step). */
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb, thickness: number): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let error = dx + dy;
    let [x, y] = [x0, y0];
    // Each step moves x, y or both towards the end: at most dx + |dy| steps.
    for (let step = 0; step <= dx - dy; step += 1) {
      this.fill(x, y, x + thickness - 1, y + thickness - 1, colour);
      if (x === x1 && y === y1) return;
      const twice = 2 * error;
      if (twice >= dy) {
        error += dy;
        x += sx;
      }
      if (twice <= dx) {
        error += dx;
        y += sy;
      }
    }
  }
}

const shade = (c: Rgb, factor: number): Rgb => [Math.round(c[0] * factor), Math.round(c[1] * factor), Math.round(c[2] * factor)];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
const greyish = (random: Random, min: number, max: number): Rgb => [random.int(min, max), random.int(min, max), random.int(min, max)];

/** What the photo shows wrong: a crack (damaged), an item of another colour (not as described), a serial label (counterfeit). */
type PhotoMark = 'crack' | 'patch' | 'label';

const PHOTO_MARKS = { damaged: 'crack', not_as_described: 'patch', counterfeit: 'label' } as const satisfies Partial<Record<DisputeReason, PhotoMark>>;
type PhotoReason = keyof typeof PHOTO_MARKS;
const isPhotoReason = (reason: DisputeReason): reason is PhotoReason => reason in PHOTO_MARKS;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function drawMark(canvas: Canvas, random: Random, mark: PhotoMark, box: Box): void {
  const { x, y, w, h } = box;
  switch (mark) {
    case 'crack': {
      // A jagged dark line across the box, left to right.
      const dark: Rgb = [random.int(25, 50), random.int(20, 40), random.int(15, 35)];
      let [cx, cy] = [x + 3, y + random.int(6, h - 6)];
      while (cx < x + w - 3) {
        const nx = Math.min(x + w - 3, cx + random.int(5, 10));
        const ny = Math.min(y + h - 4, Math.max(y + 4, cy + random.int(-7, 7)));
        canvas.line(cx, cy, nx, ny, dark, 2);
        [cx, cy] = [nx, ny];
      }
      return;
    }
    case 'patch': {
      // The item as it arrived: a strong colour where the listing showed another.
      const [r, g, b] = random.sample([random.int(190, 255), random.int(0, 70), random.int(0, 255)], 3);
      const colour: Rgb = [r, g, b];
      const pw = random.int(w >> 2, w >> 1);
      const ph = random.int(h >> 2, h >> 1);
      const px = random.int(x + 4, x + w - pw - 4);
      const py = random.int(y + 4, y + h - ph - 4);
      canvas.fill(px - 1, py - 1, px + pw + 1, py + ph + 1, shade(colour, 0.5));
      canvas.fill(px, py, px + pw, py + ph, colour);
      return;
    }
    case 'label': {
      // A white serial label with a barcode.
      const lw = random.int(w >> 2, w >> 1);
      const lh = random.int(14, Math.max(14, h >> 2));
      const lx = random.int(x + 4, x + w - lw - 4);
      const ly = random.int(y + 4, y + h - lh - 4);
      canvas.fill(lx, ly, lx + lw, ly + lh, [246, 246, 240]);
      for (let bx = lx + 3; bx < lx + lw - 3; bx += random.int(2, 3)) {
        if (random.chance(0.6)) canvas.fill(bx, ly + 3, bx, ly + lh - 3, [20, 20, 20]);
      }
      return;
    }
  }
}

/** A parcel on a table or floor in soft light, colours and placement from the stream. */
function photo(random: Random, mark: PhotoMark): Uint8Array<ArrayBuffer> {
  const canvas = new Canvas(PHOTO_WIDTH, PHOTO_HEIGHT);
  // Lighter at the top, one colour per row.
  const top = greyish(random, 150, 235);
  const bottom = shade(top, random.int(55, 80) / 100);
  for (let y = 0; y < PHOTO_HEIGHT; y += 1) canvas.fill(0, y, PHOTO_WIDTH - 1, y, mix(top, bottom, y / (PHOTO_HEIGHT - 1)));
  const w = random.int(70, 110);
  const h = random.int(50, 80);
  const box: Box = { x: random.int(6, PHOTO_WIDTH - w - 10), y: random.int(6, PHOTO_HEIGHT - h - 10), w, h };
  const cardboard: Rgb = [random.int(170, 215), random.int(120, 155), random.int(70, 105)];
  canvas.fill(box.x + 5, box.y + 5, box.x + w + 5, box.y + h + 5, shade(bottom, 0.6)); // shadow
  canvas.fill(box.x, box.y, box.x + w, box.y + h, shade(cardboard, 0.7)); // edges
  canvas.fill(box.x + 2, box.y + 2, box.x + w - 2, box.y + h - 2, cardboard);
  const tape = box.y + (h >> 1) - 4;
  canvas.fill(box.x + 2, tape, box.x + w - 2, tape + 7, mix(cardboard, [240, 230, 200], 0.6));
  drawMark(canvas, random, mark, box);
  return encodePng(PHOTO_WIDTH, PHOTO_HEIGHT, canvas.rgb);
}

// ---------------------------------------------------------------------------------------------
// PDF: PDF 1.4, one page of Helvetica text, ASCII throughout (so a character is a byte and the
// cross-reference offsets are string positions).

const pdfString = (text: string) => `(${text.replace(/[\\()]/g, '\\$&')})`;

/** A one-page document: a title, a rule, and lines of text. */
export function textPdf(title: string, lines: readonly string[]): Uint8Array<ArrayBuffer> {
  const nonAscii = [title, ...lines].find((line) => !/^[\x20-\x7e]*$/.test(line));
  if (nonAscii !== undefined) throw new RangeError(`a generated PDF holds printable ASCII only, not "${nonAscii}"`);
  const content = [
    'BT /F1 16 Tf 40 250 Td',
    `${pdfString(title)} Tj`,
    '/F1 10 Tf 0 -30 Td',
    ...lines.map((line, i) => `${i === 0 ? '' : '0 -16 Td '}${pdfString(line)} Tj`),
    'ET',
    '0.5 w 40 240 m 380 240 l S',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 298] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  // Every cross-reference entry is exactly 20 bytes, its end of line included.
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'ascii');
}

const COURIERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^SF/, 'SF Express'],
  [/^YT/, 'YTO Express'],
  [/^JD/, 'JD Logistics'],
  [/^7/, 'ZTO Express'],
  [/^9/, 'China Post (surface mail)'],
];
const SIGNERS = ['Recipient in person', 'Building reception', 'Parcel locker (Cainiao Station)', 'Family member at the address', 'Property management office'];

/** A time as the couriers print it: China time, to the minute. */
function chinaTime(ms: number): string {
  const iso = new Date(ms + 8 * HOUR_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

// ---------------------------------------------------------------------------------------------
// Which disputes get files, and what.

function evidenceFile(name: string, mime: AttachmentMime, bytes: Uint8Array<ArrayBuffer>): EvidenceFile {
  return { mime, bytes, ref: { sha256: sha256Hex(bytes), name, mime, size: bytes.length } };
}

/**
 * The files backing an open dispute, or null: photos from the buyer of a parcel that arrived
 * damaged, different or fake (10 minutes to 2 hours after opening), the merchant's delivery
 * receipt when the buyer says it never came (1 to 12 hours after). Every number is drawn from
 * `random`, which the caller forks for this dispute alone.
 */
export function disputeEvidence(random: Random, dispute: OpenDispute): Evidence | null {
  const { orderId, disputeId, reason, trackingNo } = dispute;
  if (isPhotoReason(reason)) {
    const files = Array.from({ length: random.int(1, 2) }, (_, i) => evidenceFile(`photo-${i + 1}.png`, 'image/png', photo(random, PHOTO_MARKS[reason])));
    const text = evidenceMessage(random, reason);
    const at = dispute.openedAt + random.int(10 * MINUTE_MS, 2 * HOUR_MS);
    return { at, body: { type: 'dispute.message', orderId, disputeId, from: 'buyer', text, attachments: files.map((f) => f.ref) }, files };
  }
  if (reason !== 'item_not_received' || !trackingNo) return null;
  // The courier reports it delivered in the second half of the wait before the buyer complained.
  const deliveredAt = random.int(dispute.shippedAt + Math.ceil((dispute.openedAt - dispute.shippedAt) / 2), dispute.openedAt);
  const delivered = chinaTime(dispute.epochMs + deliveredAt);
  const receipt = textPdf('Delivery receipt', [
    `Courier: ${COURIERS.find(([prefix]) => prefix.test(trackingNo))?.[1] ?? 'Express courier'}`,
    `Tracking number: ${trackingNo}`,
    `Order: ${orderId}`,
    `Delivered: ${delivered} (UTC+8)`,
    `Signed for by: ${random.pick(SIGNERS)}`,
    `Receipt no. POD-${random.digits(10)}`,
  ]);
  const files = [evidenceFile('delivery-receipt.pdf', 'application/pdf', receipt)];
  const text = evidenceMessage(random, 'delivery_receipt', { trackingNo, date: delivered.slice(0, 10) });
  const at = dispute.openedAt + random.int(HOUR_MS, 12 * HOUR_MS);
  return { at, body: { type: 'dispute.message', orderId, disputeId, from: 'merchant', text, trackingNo, attachments: files.map((f) => f.ref) }, files };
}
