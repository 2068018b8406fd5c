/** The frame of every screen: navigation for the role, search, language, lock, status bar. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConsoleSettings } from '../../../shared/api/console.js';
import type { StaffIdentity } from '../../../shared/api/hub.js';
import { useApi } from '../api/client.js';
import { onMenuCommand, type MenuCommand } from '../bridge/electron-bridge.js';
import { SyncStatusProvider } from '../components/sync-status.js';
import { Button, Empty } from '../components/ui.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/i18n.js';
import { href, useRoute } from '../router.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MAIN_ID } from './main-id.js';
import { menuScreens, SCREENS, screensFor } from './screens.js';
import { SearchDialog } from './SearchDialog.js';
import { StatusBar } from './StatusBar.js';

export function AppShell({ staff, settings }: { staff: StaffIdentity; settings: ConsoleSettings | null }) {
  const api = useApi();
  const c = useT(common);
  const route = useRoute();
  const [searching, setSearching] = useState(false);
  const screens = useMemo(() => screensFor(staff.role), [staff.role]);
  const menu = useMemo(() => menuScreens(screens, staff.role), [screens, staff.role]);
  // No route: the first screen of the menu; a screen of another role says so instead of showing something else.
  const current = route.length === 0 ? menu[0] : (screens.find((s) => s.id === route[0]) ?? null);
  const missing = SCREENS.some((s) => s.id === route[0]) ? c('notAllowed') : c('notFound');
  const path = route.join('/');
  // The document scrolls: a new screen starts at its top, not where the last one was left.
  // Braced: Chromium's scrollTo returns a promise, and an effect may return only its cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [path]);

  // One set of commands for the keyboard and the Electron application menu.
  const run = useCallback(
    (command: MenuCommand) => {
      if (command.action === 'search') setSearching(true);
      else if (command.action === 'lock') void api.call('session.lock', { reason: 'manual' });
      else if (menu[command.index - 1]) window.location.hash = href(menu[command.index - 1].id);
    },
    [api, menu],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const command: MenuCommand | null = key === 'k' ? { action: 'search' } : key === 'l' ? { action: 'lock' } : /^[1-9]$/.test(key) ? { action: 'screen', index: Number(key) } : null;
      if (!command) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = onMenuCommand(run);
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu?.();
    };
  }, [run]);

  const Screen = current?.component;
  return (
    <SyncStatusProvider>
      <div className="shell">
        <header className="topbar">
          <div className="brand">{c('appName')}</div>
          <Button variant="ghost" className="search-button" onClick={() => setSearching(true)}>
            {c('searchShortcut')}
          </Button>
          <div className="topbar-right">
            <LanguageSwitch />
            <span className="who" data-testid="who">
              {staff.name} · {c(`role_${staff.role}`)}
            </span>
            <Button variant="ghost" onClick={() => void api.call('session.lock', { reason: 'manual' })}>
              {c('lock')}
            </Button>
            <Button variant="ghost" onClick={() => void api.call('session.signOut', {})}>
              {c('signOut')}
            </Button>
          </div>
        </header>
        <nav className="sidebar" aria-label={c('primaryNav')}>
          <ul>
            {menu.map((s) => (
              <li key={s.id}>
                <a href={href(s.id)} aria-current={s === current ? 'page' : undefined}>
                  {c(s.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content" id={MAIN_ID} tabIndex={-1}>
          {Screen ? <Screen route={route.slice(1)} staff={staff} /> : <Empty>{missing}</Empty>}
        </main>
        <StatusBar demo={settings?.demo ?? false} />
        {searching && <SearchDialog onClose={() => setSearching(false)} />}
      </div>
    </SyncStatusProvider>
  );
}
