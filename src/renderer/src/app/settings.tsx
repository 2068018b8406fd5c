/**
 * The console's settings, held once by App (they drive the idle lock and the language) and
 * shared with the screens through this context: a change saved on the Settings screen applies
 * at once, because it lands in the very state the idle lock reads.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ConsoleSettings } from '../../../shared/api/console.js';
import type { Result } from '../../../shared/result.js';
import type { Input } from '../api/client.js';

/** The hub address is not among them: it is set when the console starts (see the Settings screen). */
export type SettingsPatch = Omit<Input<'settings.set'>, 'hubUrl'>;

export interface SettingsState {
  /** Null until the main process has answered. */
  settings: ConsoleSettings | null;
  /** Saves the patch; on success the new settings are everyone's at once. */
  update(patch: SettingsPatch): Promise<Result<ConsoleSettings>>;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ value, children }: { value: SettingsState; children: ReactNode }) {
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside SettingsProvider');
  return state;
}
