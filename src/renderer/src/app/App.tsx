/**
 * The console's root: who is signed in (asked of the main process, pushed on every change),
 * the settings (shared with the screens, see ./settings.tsx), the language (from settings,
 * switchable at run time), the idle lock, then the sign-in, lock or the application frame.
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
import { SettingsProvider, type SettingsPatch } from './settings.js';

interface SessionView {
  staff: StaffIdentity | null;
  locked: boolean;
}

export function App() {
  const api = useApi();
  const [session, setSession] = useState<SessionView | null>(null);
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [language, setLanguageState] = useState<Language>('zh-CN');
  // Nothing is shown before the saved settings are known: a language chosen on the sign-in
  // screen before they arrived would be switched back by their answer.
  const [settingsAsked, setSettingsAsked] = useState(false);

  useEffect(() => {
    void api.call('session.current', {}).then((r) => r.ok && setSession({ staff: r.value.staff, locked: r.value.locked }));
    void api.call('settings.get', {}).then((r) => {
      if (r.ok) {
        setSettings(r.value);
        setLanguageState(r.value.language);
      }
      setSettingsAsked(true);
    });
  }, [api]);
  useTopic('session.changed', (payload) => setSession(payload as SessionView));

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const result = await api.call('settings.set', patch);
      if (result.ok) setSettings(result.value);
      return result;
    },
    [api],
  );
  const settingsValue = useMemo(() => ({ settings, update: updateSettings }), [settings, updateSettings]);

  // The language switches at once; saving it follows.
  const setLanguage = useCallback(
    (next: Language) => {
      setLanguageState(next);
      void updateSettings({ language: next });
    },
    [updateSettings],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const languageValue = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);

  useIdleLock(session?.staff && !session.locked ? (settings?.idleLockMinutes ?? 15) : null, () => void api.call('session.lock', { reason: 'idle' }));

  return (
    <SettingsProvider value={settingsValue}>
      <LanguageProvider value={languageValue}>
        {!session || !settingsAsked ? (
          <Loading />
        ) : !session.staff ? (
          <LoginScreen settings={settings} />
        ) : session.locked ? (
          <LockScreen staff={session.staff} />
        ) : (
          <AppShell staff={session.staff} settings={settings} />
        )}
      </LanguageProvider>
    </SettingsProvider>
  );
}
