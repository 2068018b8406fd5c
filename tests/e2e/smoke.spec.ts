/**
 * The frame itself: every role signs in and sees only its own menu; the status bar is online.
 */
import { expect, test } from './support/fixtures.js';

test('each role signs in and sees only the screens it may use', async ({ login, shell }) => {
  await login.signIn('agent');
  await shell.expectSyncState('online');
  expect(await shell.menu()).toEqual(['Overview', 'Disputes', 'Sync', 'Settings']);
  await shell.signOut();
  await login.signIn('finance');
  expect(await shell.menu()).toContain('Settlements');
  expect(await shell.menu()).not.toContain('Risk');
});
