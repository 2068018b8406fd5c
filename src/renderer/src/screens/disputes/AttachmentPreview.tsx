/**
 * One evidence file shown inside the Evidence panel. The bytes come from `disputes.attachment`
 * (the main process reads its own copy, or fetches it from the hub once, and checks the
 * SHA-256 every time); the renderer checks the size and the SHA-256 again before showing
 * anything. Images are an <img> on a blob: URL, PDFs are drawn by pdf.js on a canvas (pdf.js
 * is loaded only now, see ./pdf-render.ts). "Save a copy" is the same blob: URL with
 * `download`. Escape closes the preview (the Evidence panel puts focus back on its button).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { AttachmentFile } from '../../../../shared/api/views.js';
import type { AttachmentRef } from '../../../../shared/escrow/dispute.js';
import type { Failure } from '../../../../shared/result.js';
import { useCall } from '../../api/client.js';
import { trapTab } from '../../components/focus-trap.js';
import { Button, Loading } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages, type MessageKey } from './messages.js';
import type { PdfFailure, PdfView } from './pdf-render.js';

type Bytes = Uint8Array<ArrayBuffer>;

/** Base64 to bytes (Uint8Array.fromBase64 where the engine has it). Throws on bad input. */
function bytesOf(base64: string): Bytes {
  const native = Uint8Array as unknown as { fromBase64?: (text: string) => Bytes };
  if (typeof native.fromBase64 === 'function') return native.fromBase64(base64);
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export async function sha256Hex(bytes: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Checked = { ok: true; bytes: Bytes } | { ok: false; error: Failure };

/** The answer's bytes, if they are the file asked for: right size, right SHA-256. */
async function checkFile(file: AttachmentFile, expected: string): Promise<Checked> {
  const mismatch = (message: string): Checked => ({ ok: false, error: { code: 'hash_mismatch', message } });
  let bytes: Bytes;
  try {
    bytes = bytesOf(file.base64);
  } catch {
    return mismatch('the answer did not carry the file as base64');
  }
  if (bytes.length !== file.size) return mismatch(`${bytes.length} bytes received, ${file.size} expected`);
  if (file.sha256 !== expected) return mismatch(`the answer is for ${file.sha256}`);
  // crypto.subtle exists in secure contexts (app://, http://127.0.0.1); the main process has checked the hash in any case.
  if (globalThis.crypto?.subtle) {
    const actual = await sha256Hex(bytes);
    if (actual !== expected) return mismatch(`the bytes received hash to ${actual}`);
  }
  return { ok: true, bytes };
}

/** The modern pdf.js build calls these directly; an engine without them gets a plain message instead of a broken page. */
function canDrawPdf(): boolean {
  const has = (owner: unknown, name: string) => typeof (owner as Record<string, unknown> | undefined)?.[name] === 'function';
  return (
    has(Map.prototype, 'getOrInsertComputed') &&
    has(Math, 'sumPrecise') &&
    has(Promise, 'try') &&
    has(Promise, 'withResolvers') &&
    has(Uint8Array, 'fromBase64') &&
    has(Uint8Array.prototype, 'toHex') &&
    has(URL, 'parse') &&
    has(globalThis, 'Float16Array')
  );
}

const NO_RETRY = new Set(['not_found', 'forbidden', 'unsupported_type']);

function AttachmentError({ error, params, onRetry }: { error: Failure; params?: Record<string, string>; onRetry?: () => void }) {
  const t = useT(messages);
  const key = `attErr_${error.code}`;
  const known = Object.prototype.hasOwnProperty.call(messages.en, key);
  return (
    <div role="alert" className="error-banner" data-testid="attachment-error" data-code={error.code}>
      <strong>{known ? t(key as MessageKey, params) : t('attErrUnknown')}</strong> <code>{error.code}</code>
      {error.message && <div className="error-detail">{t('attErrDetail', { message: error.message })}</div>}
      {onRetry && !NO_RETRY.has(error.code) && (
        <div className="attachment-retry">
          <Button onClick={onRetry} data-testid="attachment-retry">
            {t('retry')}
          </Button>
        </div>
      )}
    </div>
  );
}

type Shown = { status: 'checking' } | { status: 'ready'; file: AttachmentFile; bytes: Bytes; url: string } | { status: 'failed'; error: Failure };

export function AttachmentPreview({ disputeId, attachment, onClose }: { disputeId: string; attachment: AttachmentRef; onClose(): void }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const titleId = useId();
  const region = useRef<HTMLElement>(null);
  const call = useCall('disputes.attachment', { disputeId, sha256: attachment.sha256 });
  const [shown, setShown] = useState<Shown>({ status: 'checking' });

  // Focus moves into the preview so Escape works at once and a screen reader reads its title.
  useEffect(() => region.current?.focus(), []);

  useEffect(() => {
    const file = call.data;
    if (!file) return;
    let live = true;
    let url: string | null = null;
    setShown({ status: 'checking' });
    void checkFile(file, attachment.sha256).then((checked) => {
      if (!live) return;
      if (!checked.ok) {
        setShown({ status: 'failed', error: checked.error });
        return;
      }
      url = URL.createObjectURL(new Blob([checked.bytes], { type: file.mime }));
      setShown({ status: 'ready', file, bytes: checked.bytes, url });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [call.data, attachment.sha256]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  }

  const error = call.error ?? (call.data && shown.status === 'failed' ? shown.error : null);
  const ready = !call.error && call.data && shown.status === 'ready' ? shown : null;
  const state = error ? 'error' : ready ? 'ready' : 'loading';
  const mime = ready?.file.mime ?? attachment.mime;
  const size = ready?.file.size ?? attachment.size;

  return (
    <section
      ref={region}
      className="attachment-preview"
      data-testid="attachment-preview"
      data-sha256={attachment.sha256}
      data-state={state}
      aria-labelledby={titleId}
      aria-busy={state === 'loading'}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="attachment-preview-header">
        <h3 id={titleId}>{t('previewTitle', { name: attachment.name })}</h3>
        <Button variant="ghost" className="btn-small" onClick={onClose} data-testid="attachment-preview-close">
          ✕ {t('closePreview')}
        </Button>
      </div>
      <dl className="facts attachment-facts">
        <dt>{t('attType')}</dt>
        <dd>{mime}</dd>
        <dt>{t('attSize')}</dt>
        <dd data-testid="attachment-size">{format.bytes(size, language)}</dd>
        <dt>{t('attHash')}</dt>
        <dd>
          <code className="hash" data-testid="attachment-sha256">
            {attachment.sha256}
          </code>
        </dd>
      </dl>

      {call.loading && <Loading />}
      {state === 'loading' && <p className="muted">{t('previewLoading', { name: attachment.name })}</p>}
      {error && <AttachmentError error={error} onRetry={call.reload} />}

      {ready && (
        <>
          <p className="attachment-verified" data-testid="attachment-verified">
            ✓ {t('previewVerified')}
          </p>
          <p className="muted attachment-source">{ready.file.fetched ? t('previewFetched') : t('previewLocal')}</p>
          {ready.file.mime === 'application/pdf' ? (
            <PdfPreview bytes={ready.bytes} name={attachment.name} />
          ) : ready.file.mime === 'image/png' || ready.file.mime === 'image/jpeg' ? (
            <ImagePreview url={ready.url} name={attachment.name} />
          ) : (
            <AttachmentError error={{ code: 'unsupported_type', message: '' }} params={{ mime: String(ready.file.mime) }} />
          )}
          <div className="button-row">
            <a className="btn btn-secondary" href={ready.url} download={attachment.name} data-testid="attachment-save">
              {t('saveCopy')}
            </a>
          </div>
        </>
      )}
    </section>
  );
}

function ImagePreview({ url, name }: { url: string; name: string }) {
  const t = useT(messages);
  const [failed, setFailed] = useState(false);
  const [full, setFull] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (failed) {
    return (
      <div role="alert" className="error-banner" data-testid="attachment-render-error" data-code="image">
        {t('imageFailed')}
      </div>
    );
  }
  return (
    <div className="attachment-image-view">
      <img src={url} alt={name} className="attachment-image" data-testid="attachment-image" onError={() => setFailed(true)} onClick={() => setFull(true)} />
      <div className="button-row">
        <button ref={opener} type="button" className="btn btn-secondary" onClick={() => setFull(true)} data-testid="attachment-full-size">
          {t('viewFullSize')}
        </button>
      </div>
      {full && (
        <FullSizeImage
          url={url}
          name={name}
          onClose={() => {
            setFull(false);
            opener.current?.focus();
          }}
        />
      )}
    </div>
  );
}


/** The image at its own size over the window, scrollable; Escape, the button or a click outside closes it. */
function FullSizeImage({ url, name, onClose }: { url: string; name: string; onClose(): void }) {
  const t = useT(messages);
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      // Only the full-size view closes; the preview under it stays.
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    trapTab(event, dialog.current);
  }

  return createPortal(
    <div
      className="dialog-backdrop attachment-full-backdrop"
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div ref={dialog} className="attachment-full" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="attachment-full" onKeyDown={onKeyDown}>
        <div className="attachment-full-bar">
          <h2 id={titleId}>{t('fullSizeOf', { name })}</h2>
          <button ref={close} type="button" className="btn btn-secondary" onClick={onClose} data-testid="attachment-full-close">
            {t('closeFullSize')}
          </button>
        </div>
        <div className="attachment-full-scroll" role="region" aria-label={t('fullSizeOf', { name })} tabIndex={0}>
          <img src={url} alt={name} />
        </div>
      </div>
    </div>,
    document.body,
  );
}

type PdfProblem = PdfFailure | 'old_browser';

const PDF_PROBLEM: Record<PdfProblem, MessageKey> = {
  password: 'pdfPassword',
  invalid: 'pdfInvalid',
  failed: 'pdfFailed',
  old_browser: 'pdfOldBrowser',
};

/** Page 1 first, previous/next when there are more; pdf.js is imported here, on first use. */
function PdfPreview({ bytes, name }: { bytes: Bytes; name: string }) {
  const t = useT(messages);
  const [view, setView] = useState<PdfView | null>(null);
  const [problem, setProblem] = useState<PdfProblem | null>(null);
  const [page, setPage] = useState(1);
  const [drawn, setDrawn] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canDrawPdf()) {
      setProblem('old_browser');
      return;
    }
    let live = true;
    let opened: PdfView | null = null;
    import('./pdf-render.js')
      .then(async (pdf) => {
        try {
          const doc = await pdf.openPdf(bytes);
          if (!live) return doc.close();
          opened = doc;
          setView(doc);
        } catch (error) {
          if (live) setProblem(pdf.pdfFailure(error));
        }
      })
      // The chunk itself did not load.
      .catch(() => live && setProblem('failed'));
    return () => {
      live = false;
      opened?.close();
    };
  }, [bytes]);

  useEffect(() => {
    if (!view || !canvas.current) return;
    let live = true;
    setDrawn(0);
    const width = Math.max(240, box.current?.clientWidth ?? 600);
    view.draw(page, canvas.current, width).then(
      (done) => live && done && setDrawn(page),
      () => live && setProblem('failed'),
    );
    return () => {
      live = false;
    };
  }, [view, page]);

  if (problem) {
    return (
      <div role="alert" className="error-banner" data-testid="attachment-render-error" data-code={problem}>
        {t(PDF_PROBLEM[problem])}
      </div>
    );
  }
  const pages = view?.pageCount ?? 0;
  const go = (to: number) => setPage(Math.min(Math.max(1, to), pages));
  return (
    <div className="pdf-preview">
      {drawn !== page && (
        <p className="muted" role="status">
          {t('pdfDrawing')}
        </p>
      )}
      <div ref={box} className="pdf-canvas-box">
        {view && (
          <canvas
            ref={canvas}
            className="pdf-page"
            data-testid="pdf-page"
            data-page={page}
            data-drawn={drawn === page ? 'true' : 'false'}
            role="img"
            aria-label={t('pdfPageOf', { name, page, pages })}
          />
        )}
      </div>
      {pages > 1 && (
        <div className="pdf-nav">
          {/* aria-disabled, not disabled: a button that disables itself would drop the focus (and Escape with it). */}
          <Button onClick={() => go(page - 1)} aria-disabled={page <= 1} data-testid="pdf-previous">
            ‹ {t('previousPage')}
          </Button>
          <span aria-live="polite" data-testid="pdf-page-number">
            {t('pageOf', { page, pages })}
          </span>
          <Button onClick={() => go(page + 1)} aria-disabled={page >= pages} data-testid="pdf-next">
            {t('nextPage')} ›
          </Button>
        </div>
      )}
    </div>
  );
}
