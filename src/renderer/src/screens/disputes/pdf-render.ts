/**
 * PDF evidence drawn with pdf.js. This module is imported only with `import()` when a PDF is
 * previewed, so pdf.js stays out of the main bundle and cold start. Its worker is a file of
 * the build on the app's own origin (CSP `worker-src 'self'`, no blob: needed); pdf.js 6 has no
 * eval path left (its `isEvalSupported` option is gone), WebAssembly is switched off (no
 * 'wasm-unsafe-eval' in the CSP), and nothing is fetched: no CMaps, no standard fonts (system
 * fonts stand in), no scripting, no annotation or form layer, only the page drawn on a canvas.
 */
import { AnnotationMode, getDocument, GlobalWorkerOptions, VerbosityLevel, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** A canvas side is kept below this many device pixels (a huge page must not exhaust memory). */
const MAX_CANVAS_SIDE = 4096;

export type PdfFailure = 'password' | 'invalid' | 'failed';

/** What went wrong, in the words the preview has for it. */
export function pdfFailure(error: unknown): PdfFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException' || name === 'FormatError') return 'invalid';
  return 'failed';
}

function isCancelled(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'RenderingCancelledException';
}

export interface PdfView {
  readonly pageCount: number;
  /**
   * Draws page `page` (1-based) on `canvas`, `width` CSS pixels wide (sharp on high-DPI
   * screens). A drawing still running is cancelled first; resolves false when this one was.
   */
  draw(page: number, canvas: HTMLCanvasElement, width: number): Promise<boolean>;
  /** Stops any drawing and ends the worker. */
  close(): void;
}

/** Opens the bytes (a copy goes to the worker: pdf.js takes ownership of what it is given). */
export async function openPdf(bytes: Uint8Array): Promise<PdfView> {
  const task = getDocument({
    data: bytes.slice(),
    useWasm: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    void task.destroy();
    throw error;
  }
  let running: RenderTask | null = null;
  let closed = false;
  return {
    pageCount: doc.numPages,
    async draw(pageNumber, canvas, width) {
      running?.cancel();
      const page = await doc.getPage(Math.min(Math.max(1, Math.trunc(pageNumber)), doc.numPages));
      if (closed) return false;
      const natural = page.getViewport({ scale: 1 });
      const ratio = Math.max(1, window.devicePixelRatio || 1);
      let scale = Math.max(0.1, width / natural.width);
      // Device pixels = CSS pixels × ratio; keep both sides under the cap.
      scale = Math.min(scale, MAX_CANVAS_SIDE / (natural.width * ratio), MAX_CANVAS_SIDE / (natural.height * ratio));
      const viewport = page.getViewport({ scale });
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
      const task = page.render({
        canvas,
        viewport,
        annotationMode: AnnotationMode.ENABLE,
        ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
      });
      running = task;
      try {
        await task.promise;
        return true;
      } catch (error) {
        if (isCancelled(error)) return false;
        throw error;
      } finally {
        if (running === task) running = null;
      }
    },
    close() {
      closed = true;
      running?.cancel();
      running = null;
      void task.destroy();
    },
  };
}
