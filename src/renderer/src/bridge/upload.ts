/**
 * Browser mode's substitute for Electron's file dialog: the chosen statement file is streamed to
 * the console host (POST /api/upload, raw body), which stores it in its data folder and allows
 * `recon.import` to read that path. XMLHttpRequest rather than fetch, for upload progress.
 */
import { decodeWire } from '../../../shared/api/wire.js';

/** Why an upload failed: the host's code (`upload_too_large`, `unauthorized`, ...) or `host_unreachable` / `aborted`. */
class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

type Answer = { ok?: unknown; path?: unknown; error?: { code?: unknown; message?: unknown } };

function parseAnswer(text: string): Answer | null {
  try {
    const value = decodeWire(text);
    return typeof value === 'object' && value !== null ? (value as Answer) : null;
  } catch {
    return null;
  }
}

/** Uploads a statement; resolves with the path to pass to `recon.import`. */
export async function uploadStatement(file: File, onProgress?: (sent: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  if (signal?.aborted) throw new UploadError('aborted', 'the upload was cancelled');
  // The host keeps letters, digits and ._- of the name, at most 100 characters of its end.
  const name = (file.name || 'statement').slice(-200);
  return new Promise<string>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'text';
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      const body = parseAnswer(xhr.responseText);
      if (xhr.status === 200 && body?.ok === true && typeof body.path === 'string') {
        onProgress?.(file.size, file.size);
        resolve(body.path);
        return;
      }
      const code = typeof body?.error?.code === 'string' ? body.error.code : 'upload_failed';
      const message = typeof body?.error?.message === 'string' ? body.error.message : `the console host answered ${xhr.status}`;
      reject(new UploadError(code, message));
    };
    xhr.onerror = () => {
      done();
      reject(new UploadError('host_unreachable', 'the console host does not answer (or closed the connection: is the file too large?)'));
    };
    xhr.onabort = () => {
      done();
      reject(new UploadError('aborted', 'the upload was cancelled'));
    };
    xhr.send(file);
  });
}
