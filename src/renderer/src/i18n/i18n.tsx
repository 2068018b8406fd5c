/**
 * Every string of the console in zh-CN and English, switchable at run time. Each screen keeps
 * its own messages (`defineMessages`): the Chinese table must have exactly the English keys, so
 * a missing translation is a compile error, not a blank on screen.
 */
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../shared/api/console.js';

export type Messages<K extends string> = { en: Record<K, string>; 'zh-CN': Record<K, string> };

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const LanguageContext = createContext<LanguageState>({ language: 'zh-CN', setLanguage: () => undefined });

export function LanguageProvider({ value, children }: { value: LanguageState; children: ReactNode }) {
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** `{name}` placeholders are filled from params. */
export function translate<K extends string>(messages: Messages<K>, language: Language, key: K, params?: Record<string, string | number>): string {
  const text = messages[language][key] ?? messages.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { language } = useLanguage();
  const t = useCallback((key: K, params?: Record<string, string | number>) => translate(messages, language, key, params), [messages, language]);
  return useMemo(() => t, [t]);
}
