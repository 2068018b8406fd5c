/**
 * Statement import: a format (or detection), the file (Electron's native dialog, or an upload
 * in browser mode), progress pushed by the main process with a cancel, then the summary — or
 * the refusal with the line that was refused. A refused or cancelled file leaves nothing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/api/views.js';
import { BRIDGE_GLOBAL } from '../../../../shared/api/bridge.js';
import { STATEMENT_FORMATS, type StatementFormat } from '../../../../shared/escrow/recon.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useTopic } from '../../api/client.js';
import { uploadStatement } from '../../bridge/upload.js';
import { Notice } from '../../components/Notice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { Button, Field, PageHeader, Panel } from '../../components/ui.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import * as format from '../../format.js';
import { CsvMappingForm, MAPPING_NAME } from './CsvMappingForm.js';
import { ImportSummary } from './ImportSummary.js';
import { messages } from './messages.js';
import type { ImportProgress } from './types.js';

type FormatChoice = 'auto' | StatementFormat;
type Phase = 'idle' | 'uploading' | 'importing';

const FORMATS: readonly FormatChoice[] = ['auto', ...STATEMENT_FORMATS];

/** The Electron shell exposes its bridge on `window`; a browser has none (and uploads instead). */
function inElectron(): boolean {
  return typeof (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] === 'object';
}

function failureOf(error: unknown): Failure {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'upload_failed';
  return { code, message: error instanceof Error ? error.message : String(error) };
}

function Refusal({ failure }: { failure: Failure }) {
  const t = useT(messages);
  const line = (failure.detail as { line?: unknown } | undefined)?.line;
  return (
    <div role="alert" className="error-banner" data-testid="import-refusal" data-code={failure.code} data-line={typeof line === 'number' ? line : undefined}>
      <strong>{t('refusedTitle')}</strong>
      <p>
        {typeof line === 'number' && <strong data-testid="import-refusal-line">{t('refusedLine', { line })}: </strong>}
        {typeof line === 'number' ? failure.message.replace(/^line \d+:\s*/i, '') : failure.message} <code>{failure.code}</code>
      </p>
    </div>
  );
}

export function StatementImport() {
  const api = useApi();
  const t = useT(messages);
  const { language } = useLanguage();
  const fileId = useId();
  const [electron] = useState(inElectron);
  const [nativeFailed, setNativeFailed] = useState(false);
  const [choice, setChoice] = useState<FormatChoice>('auto');
  const [mapping, setMapping] = useState('');
  const [showMapping, setShowMapping] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refusal, setRefusal] = useState<Failure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useTopic('recon.import.progress', (payload) => {
    if (!mounted.current) return;
    const p = payload as Partial<ImportProgress>;
    if (typeof p.bytesRead === 'number' && typeof p.totalBytes === 'number' && typeof p.linesRead === 'number') setProgress({ bytesRead: p.bytesRead, totalBytes: p.totalBytes, linesRead: p.linesRead });
  });

  const native = electron && !nativeFailed;
  const mappingOk = choice !== 'csv' || MAPPING_NAME.test(mapping);
  const ready = phase === 'idle' && (native ? path !== null : file !== null) && mappingOk;

  async function pick() {
    const answer = await api.call('files.pickStatement', {});
    if (!answer.ok) {
      // No native dialog here after all: fall back to the file input and an upload.
      setNativeFailed(true);
      return;
    }
    if (answer.value) setPath(answer.value.path);
  }

  function reset() {
    setResult(null);
    setRefusal(null);
    setCancelled(false);
    setUpload(null);
    setProgress(null);
  }

  async function start() {
    reset();
    let target = path;
    if (!native) {
      if (!file) return;
      const abort = new AbortController();
      controller.current = abort;
      setPhase('uploading');
      setUpload({ sent: 0, total: file.size });
      try {
        target = await uploadStatement(file, (sent, total) => mounted.current && setUpload({ sent, total }), abort.signal);
      } catch (error) {
        if (!mounted.current) return;
        setPhase('idle');
        if (abort.signal.aborted) setCancelled(true);
        else setRefusal(failureOf(error));
        return;
      } finally {
        controller.current = null;
      }
    }
    if (!target || !mounted.current) return;
    setPhase('importing');
    setProgress({ bytesRead: 0, totalBytes: file?.size ?? 0, linesRead: 0 });
    const answer = await api.call('recon.import', { path: target, ...(choice === 'auto' ? {} : { format: choice }), ...(choice === 'csv' ? { mapping } : {}) });
    if (!mounted.current) return;
    setPhase('idle');
    if (answer.ok) setResult(answer.value as ImportResult);
    else if (answer.error.code === 'cancelled') setCancelled(true);
    else setRefusal(answer.error);
  }

  async function cancel() {
    if (phase === 'uploading') controller.current?.abort();
    else if (phase === 'importing') await api.call('recon.cancelImport', {});
  }

  const chosenName = native ? (path ? path.split(/[\\/]/).pop() : null) : file?.name;

  return (
    <>
      <PageHeader title={t('importTitle')} />
      <Panel>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) void start();
          }}
          data-testid="import-form"
        >
          <fieldset className="format-choice" disabled={phase !== 'idle'}>
            <legend>{t('format')}</legend>
            {FORMATS.map((f) => (
              <label key={f} className="radio-option">
                <input type="radio" name="statement-format" value={f} checked={choice === f} onChange={() => setChoice(f)} data-testid={`import-format-${f}`} />
                {t(`format_${f}`)}
              </label>
            ))}
          </fieldset>

          {choice === 'csv' && (
            <div className="mapping-choice">
              <Field label={t('mappingName')} hint={t('mappingHint')} error={mapping && !mappingOk ? t('mappingInvalid') : null}>
                {(id) => <input id={id} value={mapping} maxLength={64} onChange={(e) => setMapping(e.target.value)} disabled={phase !== 'idle'} data-testid="import-mapping" />}
              </Field>
              <Button variant="ghost" aria-expanded={showMapping} onClick={() => setShowMapping((s) => !s)} data-testid="mapping-toggle">
                {showMapping ? t('hideMapping') : t('defineMapping')}
              </Button>
            </div>
          )}

          <div className="field">
            {native ? (
              <>
                <span className="field-label" id={fileId}>
                  {t('file')}
                </span>
                <div className="file-choice">
                  <Button onClick={() => void pick()} disabled={phase !== 'idle'} aria-describedby={fileId} data-testid="import-file">
                    {t('chooseFile')}
                  </Button>
                  <span data-testid="import-file-name">{chosenName ?? t('noFile')}</span>
                </div>
              </>
            ) : (
              <>
                <label htmlFor={fileId}>{t('file')}</label>
                <input
                  id={fileId}
                  type="file"
                  disabled={phase !== 'idle'}
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    reset();
                  }}
                  data-testid="import-file"
                />
              </>
            )}
          </div>

          <div className="form-actions">
            <Button variant="primary" type="submit" disabled={!ready} data-testid="import-start">
              {t('start')}
            </Button>
            {phase !== 'idle' && (
              <Button variant="danger" onClick={() => void cancel()} data-testid="import-cancel">
                {t('cancelImport')}
              </Button>
            )}
          </div>
        </form>

        {phase !== 'idle' && (
          <div data-testid="import-progress" data-phase={phase}>
            {phase === 'uploading' && upload && (
              <ProgressBar label={t('uploading')} value={upload.sent} max={upload.total} text={`${format.bytes(upload.sent, language)} / ${format.bytes(upload.total, language)}`} />
            )}
            {phase === 'importing' && (
              <ProgressBar
                label={t('importing')}
                value={progress?.bytesRead ?? 0}
                max={progress && progress.totalBytes > 0 ? progress.totalBytes : null}
                text={
                  progress && progress.totalBytes > 0
                    ? t('progressText', { read: format.bytes(progress.bytesRead, language), total: format.bytes(progress.totalBytes, language), lines: format.count(progress.linesRead, language) })
                    : t('progressLines', { lines: format.count(progress?.linesRead ?? 0, language) })
                }
              />
            )}
          </div>
        )}
        {cancelled && <Notice tone="warning" testId="import-cancelled">{t('cancelled')}</Notice>}
        {refusal && <Refusal failure={refusal} />}
      </Panel>

      {result && <ImportSummary result={result} />}
      {choice === 'csv' && showMapping && (
        <Panel>
          <CsvMappingForm initialName={mapping} onSaved={setMapping} />
        </Panel>
      )}
    </>
  );
}
