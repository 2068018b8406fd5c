/**
 * The application menu and its keyboard shortcuts. Commands that belong to the renderer (search,
 * lock, go to a screen) are pushed to the window on MENU_TOPIC (shared/api/bridge.ts); editing,
 * zoom and window management use Electron's built-in roles (macOS needs the Edit menu for copy
 * and paste in inputs). Reload and DevTools exist only in development.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/bridge.js';

/**
 * How many screens have a menu shortcut. `{action: 'screen', index}` means the index-th screen
 * of the signed-in role's navigation (1-based), the same as the renderer's own Ctrl/Cmd+digit
 * handling; the main process does not know the role's screens, so it never names them.
 */
export const MENU_SCREEN_COUNT = 6;

export interface MenuOptions {
  platform: NodeJS.Platform;
  dev: boolean;
  send: (command: MenuCommand) => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send } = options;
  const mac = options.platform === 'darwin';
  const go: MenuItemConstructorOptions = {
    label: 'Go',
    submenu: [
      { label: 'Search…', accelerator: 'CmdOrCtrl+K', click: () => send({ action: 'search' }) },
      { label: 'Lock console', accelerator: 'CmdOrCtrl+L', click: () => send({ action: 'lock' }) },
      { type: 'separator' },
      ...Array.from(
        { length: MENU_SCREEN_COUNT },
        (_, i): MenuItemConstructorOptions => ({
          label: `Screen ${i + 1}`,
          accelerator: `CmdOrCtrl+${i + 1}`,
          click: () => send({ action: 'screen', index: i + 1 }),
        }),
      ),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.dev ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[]) : []),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : [{ label: 'File', submenu: [{ role: 'quit' }] } satisfies MenuItemConstructorOptions]),
    { role: 'editMenu' },
    go,
    view,
    { role: 'windowMenu' },
  ];
}
