/**
 * The console's root: who is signed in (asked of the main process, pushed on every change),
 * the language (from settings, switchable at run time), the idle lock, then the sign-in, lock
 * or the application frame.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConsoleSettings, Language } from '../../../shared/api/console.js';
import type { StaffIdentity } from '../../../shared/api/hub.js';
import { useApi, useTopic } from '../api/client.js';
import { Loading } from '../components/ui.js';
import { LanguageProvider } from '../i18n/i18n.js';
import { LockScreen } from '../screens/login/LockScreen.js';
import { LoginScreen } from '../screens/login/LoginScreen.js';
import { AppShell } from './AppShell.js';
import { useIdleLock } from './idle.js';

interface SessionView {
  staff: StaffIdentity | null;
  locked: boolean;
}

export function App() {
  const api = useApi();
  const [session, setSession] = useState<SessionView | null>(null);
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [language, setLanguageState] = useState<Language>('zh-CN');

  useEffect(() => {
    void api.call('session.current', {}).then((r) => r.ok && setSession({ staff: r.value.staff, locked: r.value.locked }));
    void api.call('settings.get', {}).then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      setLanguageState(r.value.language);
    });
  }, [api]);
  useTopic('session.changed', (payload) => setSession(payload as SessionView));

  const setLanguage = useCallback(
    (next: Language) => {
      setLanguageState(next);
      void api.call('settings.set', { language: next }).then((r) => r.ok && setSettings(r.value));
    },
    [api],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const languageValue = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);

  useIdleLock(session?.staff && !session.locked ? (settings?.idleLockMinutes ?? 15) : null, () => void api.call('session.lock', { reason: 'idle' }));

  return (
    <LanguageProvider value={languageValue}>
      {!session ? (
        <Loading />
      ) : !session.staff ? (
        <LoginScreen settings={settings} />
      ) : session.locked ? (
        <LockScreen staff={session.staff} />
      ) : (
        <AppShell staff={session.staff} settings={settings} />
      )}
    </LanguageProvider>
  );
}
