/**
 * Bytes to numbered, decoded text lines, chunk by chunk.
 *
 * Lines are cut on LF in the raw bytes and each batch of complete lines is decoded in one call
 * (decoding line by line costs twice as much). That is exact for UTF-8 and GBK/GB18030: the
 * byte 0x0A never occurs inside a multi-byte character of either, and a decoder never
 * swallows it after an invalid sequence, so the n-th LF of the bytes is the n-th LF of the text.
 */
import iconv from 'iconv-lite';
import { StatementFormatError } from './errors.js';

/** 'gbk' is decoded as GB18030, its superset, so rare characters in names survive. */
export type TextEncoding = 'utf8' | 'gbk';

export interface TextLine {
  /** 1-based physical line number. */
  no: number;
  /** Decoded text without the line terminator. */
  text: string;
  /** The raw bytes without the line terminator (and without a leading byte-order mark). */
  bytes: Buffer;
}

/** No statement format has lines this long; a longer one means a wrong or binary file. */
export const MAX_LINE_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT = '\uFFFD';

export class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private nextNo = 1;
  private bomChecked = false;
  private encoding: TextEncoding;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** The file started with a UTF-8 byte-order mark (which then overrides the encoding). */
  hadBom = false;

  constructor(encoding: TextEncoding) {
    this.encoding = encoding;
  }

  /** Number of the last line handed out (0 before the first). */
  get lineNo(): number {
    return this.nextNo - 1;
  }

  /** The complete lines that `chunk` finishes. */
  push(chunk: Buffer): TextLine[] {
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (!this.bomChecked) {
      if (data.length < UTF8_BOM.length) {
        this.carry = data;
        return [];
      }
      data = this.stripBom(data);
    }
    const lastLf = data.lastIndexOf(LF);
    const lines = lastLf < 0 ? [] : this.split(data.subarray(0, lastLf + 1));
    this.carry = data.subarray(lastLf + 1);
    if (this.carry.length > MAX_LINE_BYTES) this.tooLong(this.nextNo);
    return lines;
  }

  /** The last line, when the file does not end with a line break. */
  end(): TextLine[] {
    const rest = this.bomChecked ? this.carry : this.stripBom(this.carry);
    this.carry = Buffer.alloc(0);
    return rest.length > 0 ? this.split(rest) : [];
  }

  private stripBom(data: Buffer): Buffer {
    this.bomChecked = true;
    if (!data.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) return data;
    // A byte-order mark is unambiguous: the file is UTF-8 whatever the caller expected.
    this.hadBom = true;
    this.encoding = 'utf8';
    return data.subarray(UTF8_BOM.length);
  }

  /** Splits a run of lines (each ending with LF, except possibly the last) and decodes it. */
  private split(region: Buffer): TextLine[] {
    const text = this.decode(region);
    const suspect = this.encoding === 'gbk' && text.includes(REPLACEMENT);
    const lines: TextLine[] = [];
    let bytePos = 0;
    let textPos = 0;
    while (bytePos < region.length) {
      let byteEnd = region.indexOf(LF, bytePos);
      if (byteEnd < 0) byteEnd = region.length;
      let textEnd = text.indexOf('\n', textPos);
      if (textEnd < 0) textEnd = text.length;
      const no = this.nextNo++;
      if (byteEnd - bytePos > MAX_LINE_BYTES) this.tooLong(no);
      const stripCr = byteEnd > bytePos && region[byteEnd - 1] === CR;
      const line: TextLine = {
        no,
        bytes: region.subarray(bytePos, stripCr ? byteEnd - 1 : byteEnd),
        text: text.slice(textPos, stripCr ? textEnd - 1 : textEnd),
      };
      if (suspect && line.text.includes(REPLACEMENT)) {
        throw new StatementFormatError('bad_encoding', no, 'invalid GBK byte sequence (a UTF-8 file needs a byte-order mark)');
      }
      lines.push(line);
      bytePos = byteEnd + 1;
      textPos = textEnd + 1;
    }
    return lines;
  }

  private decode(region: Buffer): string {
    if (this.encoding === 'gbk') return iconv.decode(region, 'gb18030');
    try {
      return this.utf8.decode(region);
    } catch {
      throw new StatementFormatError('bad_encoding', this.nextNo + this.firstInvalidUtf8Line(region), 'invalid UTF-8 byte sequence');
    }
  }

  /** Index (0-based, within the region) of the first line that is not valid UTF-8. */
  private firstInvalidUtf8Line(region: Buffer): number {
    let index = 0;
    for (let start = 0; start < region.length; index += 1) {
      let end = region.indexOf(LF, start);
      if (end < 0) end = region.length;
      try {
        this.utf8.decode(region.subarray(start, end));
      } catch {
        return index;
      }
      start = end + 1;
    }
    return index;
  }

  private tooLong(no: number): never {
    throw new StatementFormatError('too_large', no, `line is longer than ${MAX_LINE_BYTES} bytes`);
  }
}
