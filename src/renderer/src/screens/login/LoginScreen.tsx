import { useState, type FormEvent } from 'react';
import type { ConsoleSettings } from '../../../../shared/api/console.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Button, ErrorBanner, Field } from '../../components/ui.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/i18n.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { messages } from './messages.js';

/** Demo mode lists the demo hub's accounts (they exist nowhere else). */
const DEMO_NAMES = 'agent, risk, onboarding, finance, finance2, admin';
const DEMO_PASSWORD = 'demo-password-1';

export function LoginScreen({ settings }: { settings: ConsoleSettings | null }) {
  const api = useApi();
  const t = useT(messages);
  const c = useT(common);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.call('session.signIn', { name, password });
    setBusy(false);
    if (!result.ok) setError(result.error);
    setPassword('');
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="login-brand">{c('appName')}</div>
        {settings?.demo && <p className="demo-badge">{c('demo')}</p>}
        <h1 id="login-title">{t('title')}</h1>
        <ErrorBanner error={error} />
        <Field label={t('name')}>{(id) => <input id={id} name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />}</Field>
        <Field label={t('password')}>
          {(id) => <input id={id} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={256} />}
        </Field>
        <Button variant="primary" type="submit" disabled={busy || !name || !password}>
          {busy ? t('signingIn') : t('submit')}
        </Button>
        {settings?.demo && <p className="hint">{t('demoAccounts', { password: DEMO_PASSWORD, names: DEMO_NAMES })}</p>}
        <LanguageSwitch />
      </form>
    </main>
  );
}
