/**
 * Reading the source: chunk by chunk (never the whole file), counting bytes against the size
 * limit, honouring the AbortSignal even while the source is stalled, and reporting progress.
 */
import { Readable } from 'node:stream';
import { StatementFormatError } from './errors.js';
import type { ParseOptions, StatementHeader, StatementItem, StatementLine, StatementSource, StatementSummary } from './types.js';

/**
 * Default size limits. Line formats stream with constant memory, so their limit only guards
 * against a wrong file (a 1,000,000-line Alipay bill is about 200 MB). XML gets the tighter
 * limit of the design: a camt.053 of a busy account is tens of MB.
 */
export const DEFAULT_MAX_BYTES = {
  lines: 2 * 1024 ** 3,
  xml: 200 * 1024 ** 2,
} as const;

/** Counts what was read and parsed and tells the caller. */
export class Progress {
  bytes = 0;
  lines = 0;

  constructor(private readonly options: ParseOptions) {}

  report(): void {
    this.options.onProgress?.(this.bytes, this.lines);
  }

  /** Throws 'cancelled' when the caller aborted; `line` says how far the parse got. */
  throwIfCancelled(line: number): void {
    if (this.options.signal?.aborted) throw new StatementFormatError('cancelled', line, 'import cancelled');
  }
}

/**
 * Yields the source's chunks as Buffers. `currentLine` names the line in errors raised here
 * (size limit, cancellation), which only the format's reader knows.
 */
export async function* readChunks(
  source: StatementSource,
  progress: Progress,
  options: ParseOptions,
  defaultMaxBytes: number,
  currentLine: () => number,
): AsyncGenerator<Buffer, void, undefined> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      progress.throwIfCancelled(currentLine());
      const next = await untilAborted(iterator.next(), options.signal, currentLine);
      if (next.done) return;
      const chunk: unknown = next.value;
      if (!(chunk instanceof Uint8Array)) throw new TypeError('statement sources must yield bytes (do not set an encoding on the stream)');
      progress.bytes += chunk.byteLength;
      if (progress.bytes > maxBytes) {
        throw new StatementFormatError('too_large', currentLine(), `the file is larger than the limit of ${maxBytes} bytes`);
      }
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } finally {
    // When the parse ends early the source must stop too. Destroying a Readable also ends a
    // read still pending after a cancel (an async iterator's return() would wait for it).
    if (source instanceof Readable) source.destroy();
    else iterator.return?.().catch(() => undefined);
  }
}

/** Waits for `promise`, but rejects with 'cancelled' as soon as the signal fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, currentLine: () => number): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new StatementFormatError('cancelled', currentLine(), 'import cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Where readers put what they parsed until the driver hands it to the consumer; counts the
 * statement lines for progress reports.
 */
export class ItemQueue {
  private items: StatementItem[] = [];

  constructor(private readonly progress: Progress) {}

  header(header: StatementHeader): void {
    this.items.push({ type: 'header', header });
  }

  line(line: StatementLine): void {
    this.progress.lines += 1;
    this.items.push({ type: 'line', line });
  }

  summary(summary: StatementSummary): void {
    this.items.push({ type: 'summary', summary });
  }

  /**
   * Hands the queued items to the consumer, checking for cancellation between items so that a
   * slow consumer that aborts is not fed the rest of the chunk.
   */
  async *drain(line: number): AsyncGenerator<StatementItem, void, undefined> {
    const items = this.items;
    this.items = [];
    for (const item of items) {
      this.progress.throwIfCancelled(line);
      yield item;
    }
  }
}
