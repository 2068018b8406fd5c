/**
 * Settings of this console: language (applied at once), the hub address (changeable only while
 * nobody is signed in: the main process refuses it otherwise, and the screen says why), the idle
 * lock, and, read-only, the data folder and whether this is demo mode.
 */
import { useEffect, useId, useState } from 'react';
import { LANGUAGES, type ConsoleSettings, type Language } from '../../../../shared/api/console.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { Notice } from '../../components/Notice.js';
import { useStaff } from '../../components/useStaff.js';
import { Badge, Button, ErrorBanner, Loading, PageHeader, Panel } from '../../components/ui.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import './settings.css';

const MIN_IDLE = 1;
const MAX_IDLE = 240;

function validHubUrl(text: string): boolean {
  if (text === '') return true;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && text.length <= 300;
  } catch {
    return false;
  }
}

export function SettingsScreen(_props: ScreenProps) {
  const api = useApi();
  const t = useT(messages);
  const { language, setLanguage } = useLanguage();
  const staff = useStaff();
  const loaded = useCall('settings.get', {});
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [hubUrl, setHubUrl] = useState('');
  const [idle, setIdle] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<'hub' | 'idle' | null>(null);
  const ids = { language: useId(), languageHint: useId(), hub: useId(), hubHint: useId(), idle: useId(), idleHint: useId(), dataDir: useId(), dataDirHint: useId() };

  useEffect(() => {
    if (!loaded.data) return;
    setSettings(loaded.data);
    setHubUrl(loaded.data.hubUrl ?? '');
    setIdle(String(loaded.data.idleLockMinutes));
  }, [loaded.data]);

  async function save(patch: { hubUrl?: string | null; idleLockMinutes?: number }, which: 'hub' | 'idle') {
    setError(null);
    setSaved(null);
    const result = await api.call('settings.set', patch);
    if (!result.ok) return setError(result.error);
    setSettings(result.value);
    setSaved(which);
  }

  const signedIn = staff !== null;
  const hubValid = validHubUrl(hubUrl.trim());
  const idleNumber = Number(idle);
  const idleValid = /^\d+$/.test(idle) && idleNumber >= MIN_IDLE && idleNumber <= MAX_IDLE;

  return (
    <div className="settings-screen" data-testid="settings">
      <PageHeader title={t('title')}>
        <p className="subtitle">{t('subtitle')}</p>
      </PageHeader>
      <ErrorBanner error={error ?? loaded.error} />
      {saved && <Notice tone="success" testId="settings-saved">{t('saved')}</Notice>}
      {!settings && loaded.loading && <Loading />}

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
            <form
              className="settings-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!signedIn && hubValid) void save({ hubUrl: hubUrl.trim() === '' ? null : hubUrl.trim() }, 'hub');
              }}
            >
              <div className={`field ${hubValid ? '' : 'field-error'}`}>
                <label htmlFor={ids.hub}>{t('hubUrl')}</label>
                <input
                  id={ids.hub}
                  type="url"
                  inputMode="url"
                  value={hubUrl}
                  placeholder={settings.hubUrl === null ? t('hubDemo') : undefined}
                  maxLength={300}
                  disabled={signedIn}
                  aria-describedby={ids.hubHint}
                  aria-invalid={!hubValid}
                  onChange={(e) => setHubUrl(e.target.value)}
                  data-testid="settings-hub-url"
                />
                <small id={ids.hubHint} data-testid="settings-hub-reason">
                  {signedIn ? t('hubLockedSignedIn') : hubValid ? t('hubHint') : t('hubInvalid')}
                </small>
              </div>
              {!signedIn && (
                <Button type="submit" variant="primary" disabled={!hubValid} data-testid="settings-save-hub">
                  {t('saveHub')}
                </Button>
              )}
            </form>
          </Panel>

          <Panel title={t('security')}>
            <form
              className="settings-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (idleValid) void save({ idleLockMinutes: idleNumber }, 'idle');
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
