import { useState, type FormEvent } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Button, ErrorBanner, Field } from '../../components/ui.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

export function LockScreen({ staff }: { staff: StaffIdentity }) {
  const api = useApi();
  const t = useT(messages);
  const c = useT(common);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Failure | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await api.call('session.unlock', { password });
    setPassword('');
    if (!result.ok) setError(result.error);
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="lock-title">
        <h1 id="lock-title">{t('lockedTitle')}</h1>
        <p>{t('lockedBody', { name: staff.name, role: c(`role_${staff.role}`) })}</p>
        <ErrorBanner error={error} />
        <Field label={t('password')}>
          {(id) => <input id={id} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />}
        </Field>
        <Button variant="primary" type="submit" disabled={!password}>
          {t('unlock')}
        </Button>
        <Button variant="ghost" onClick={() => void api.call('session.signOut', {})}>
          {t('switchUser')}
        </Button>
      </form>
    </main>
  );
}
