import { LANGUAGES, type Language } from '../../../shared/api/console.js';
import { common } from '../i18n/common.js';
import { useLanguage, useT } from '../i18n/i18n.js';

const NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const c = useT(common);
  return (
    <label className="language-switch">
      <span className="visually-hidden">{c('language')}</span>
      <select aria-label={c('language')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
