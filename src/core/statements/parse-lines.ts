/**
 * The driver shared by the line-oriented formats (Alipay bill, generic CSV, MT940): reads
 * chunks, cuts and decodes lines, feeds them to the format's reader and hands what it parsed
 * to the consumer after every chunk. Memory stays at one chunk plus one chunk's items.
 */
import { DEFAULT_MAX_BYTES, ItemQueue, Progress, readChunks } from './input.js';
import { LineSplitter, type TextEncoding, type TextLine } from './text-lines.js';
import type { ParseOptions, StatementParser, StatementSource } from './types.js';

export interface LineReader {
  readonly encoding: TextEncoding;
  /** Every physical line, in order (blank lines included). */
  line(line: TextLine, out: ItemQueue): void;
  /** After the last line: a reader still expecting something throws 'truncated' here. */
  end(lastLineNo: number, out: ItemQueue): void;
}

export async function* parseLines(source: StatementSource, reader: LineReader, options: ParseOptions): StatementParser {
  const progress = new Progress(options);
  const out = new ItemQueue(progress);
  const splitter = new LineSplitter(reader.encoding);
  for await (const chunk of readChunks(source, progress, options, DEFAULT_MAX_BYTES.lines, () => splitter.lineNo)) {
    for (const line of splitter.push(chunk)) reader.line(line, out);
    progress.report();
    yield* out.drain(splitter.lineNo);
  }
  for (const line of splitter.end()) reader.line(line, out);
  reader.end(splitter.lineNo, out);
  progress.report();
  yield* out.drain(splitter.lineNo);
}
