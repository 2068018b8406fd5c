/**
 * Settings of this console: language (applied at once), the idle lock (applied at once: it is
 * App's own settings that change, see app/settings.tsx), and, read-only, the hub address, the
 * data folder and whether this is demo mode. The hub address is set when the console starts:
 * this screen exists only while someone is signed in, and the main process refuses a hub change
 * then (the session, the outbox and the ledger belong to the hub signed in at).
 */
import { useEffect, useId, useState } from 'react';
import { LANGUAGES, type Language } from '../../../../shared/api/console.js';
import type { Failure } from '../../../../shared/result.js';
import type { ScreenProps } from '../../app/screens.js';
import { useSettings } from '../../app/settings.js';
import { Notice } from '../../components/Notice.js';
import { Badge, Button, ErrorBanner, Loading, PageHeader, Panel } from '../../components/ui.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import './settings.css';

const MIN_IDLE = 1;
const MAX_IDLE = 240;

export function SettingsScreen(_props: ScreenProps) {
  const t = useT(messages);
  const { language, setLanguage } = useLanguage();
  const { settings, update } = useSettings();
  const [idle, setIdle] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const ids = { language: useId(), languageHint: useId(), hub: useId(), hubHint: useId(), idle: useId(), idleHint: useId(), dataDir: useId(), dataDirHint: useId() };

  // The field shows the saved value whenever it changes (loaded, or saved from here).
  const savedIdle = settings?.idleLockMinutes;
  useEffect(() => {
    if (savedIdle !== undefined) setIdle(String(savedIdle));
  }, [savedIdle]);

  async function saveIdle(minutes: number) {
    setError(null);
    setSaved(false);
    const result = await update({ idleLockMinutes: minutes });
    if (!result.ok) return setError(result.error);
    setSaved(true);
  }

  const idleNumber = Number(idle);
  const idleValid = /^\d+$/.test(idle) && idleNumber >= MIN_IDLE && idleNumber <= MAX_IDLE;

  return (
    <div className="settings-screen" data-testid="settings">
      <PageHeader title={t('title')}>
        <p className="subtitle">{t('subtitle')}</p>
      </PageHeader>
      <ErrorBanner error={error} />
      {saved && <Notice tone="success" testId="settings-saved">{t('saved')}</Notice>}
      {!settings && <Loading />}

      <Panel title={t('general')}>
        <div className="field">
          <label htmlFor={ids.language}>{t('language')}</label>
          <select id={ids.language} aria-describedby={ids.languageHint} value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="settings-language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`lang_${l}`)}
              </option>
            ))}
          </select>
          <small id={ids.languageHint}>{t('languageHint')}</small>
        </div>
      </Panel>

      {settings && (
        <>
          <Panel title={t('hub')}>
            <div className="field">
              <label htmlFor={ids.hub}>{t('hubUrl')}</label>
              <input id={ids.hub} type="text" value={settings.hubUrl ?? t('hubDemo')} readOnly aria-describedby={ids.hubHint} data-testid="settings-hub-url" />
              <small id={ids.hubHint} data-testid="settings-hub-reason">
                {t('hubReadOnly')}
              </small>
            </div>
          </Panel>

          <Panel title={t('security')}>
            <form
              className="settings-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (idleValid) void saveIdle(idleNumber);
              }}
            >
              <div className={`field ${idleValid ? '' : 'field-error'}`}>
                <label htmlFor={ids.idle}>{t('idleLock')}</label>
                <input
                  id={ids.idle}
                  type="number"
                  min={MIN_IDLE}
                  max={MAX_IDLE}
                  step={1}
                  value={idle}
                  aria-describedby={ids.idleHint}
                  aria-invalid={!idleValid}
                  onChange={(e) => setIdle(e.target.value)}
                  data-testid="settings-idle-minutes"
                />
                <small id={ids.idleHint}>{idleValid ? t('idleLockHint') : t('idleInvalid')}</small>
              </div>
              <Button type="submit" variant="primary" disabled={!idleValid || idleNumber === settings.idleLockMinutes} data-testid="settings-save-idle">
                {t('saveIdle')}
              </Button>
            </form>
          </Panel>

          <Panel title={t('storage')}>
            <div className="field">
              <label htmlFor={ids.dataDir}>{t('dataDir')}</label>
              <input id={ids.dataDir} type="text" value={settings.dataDir} readOnly aria-describedby={ids.dataDirHint} data-testid="settings-data-dir" />
              <small id={ids.dataDirHint}>{t('dataDirHint')}</small>
            </div>
            <dl className="facts">
              <dt>{t('mode')}</dt>
              <dd data-testid="settings-demo" data-demo={String(settings.demo)}>
                {settings.demo ? <Badge tone="warning">{t('demoOn')}</Badge> : <Badge tone="info">{t('demoOff')}</Badge>}
              </dd>
            </dl>
          </Panel>
        </>
      )}
    </div>
  );
}
