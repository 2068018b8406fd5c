/**
 * Global search (Ctrl+K / ⌘K): orders, disputes, merchants, buyers, applications and payouts by
 * id or name. The field is a combobox over the result list: ↑/↓ move the active result (announced
 * through aria-activedescendant, focus stays in the field), Enter opens it, Escape closes and
 * gives the focus back to where it was.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/api/console.js';
import type { Failure } from '../../../shared/result.js';
import { useApi } from '../api/client.js';
import { ErrorBanner } from '../components/ui.js';
import { useT } from '../i18n/i18n.js';
import { MAIN_ID } from './main-id.js';
import { searchMessages } from './search-messages.js';
import { SearchHitLine } from './SearchHitLine.js';

/**
 * Typing pauses this long before a query is sent: shorter than the gap between a typist's keys
 * would send one query per key. A search answers in ~15 ms at a million orders, so the pause,
 * not the query, is most of what the user waits (the UI bench measured it at 120 ms).
 */
const DEBOUNCE_MS = 60;
const LIMIT = 20;

/** The answer to the query as typed (an older query's answer never shows under a newer one). */
interface Answer {
  query: string;
  hits: SearchHit[];
}

export function SearchDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const t = useT(searchMessages);
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<Answer>({ query: '', hits: [] });
  const [error, setError] = useState<Failure | null>(null);
  const [cursor, setCursor] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), list: useId(), hint: useId() };
  const optionId = (i: number) => `${ids.list}-${i}`;
  const query = q.trim();
  const hits = answer.query === query ? answer.hits : [];
  const searching = query !== '' && answer.query !== query && !error;

  // Closed, the focus goes back where it was; a hit opened, to the screen it opened.
  const returnFocus = useRef(true);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => {
      if (returnFocus.current) before?.focus();
      else document.getElementById(MAIN_ID)?.focus();
    };
  }, []);

  useEffect(() => {
    if (!query) return setAnswer({ query: '', hits: [] });
    let live = true;
    const timer = setTimeout(() => {
      void api.call('search.global', { q: query, limit: LIMIT }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setAnswer({ query, hits: r.value.items });
          setError(null);
          setCursor(0);
        } else setError(r.error);
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query]);

  // Braced: Chromium's scrollIntoView returns a promise, and an effect may return only its cleanup.
  useEffect(() => {
    document.getElementById(optionId(cursor))?.scrollIntoView({ block: 'nearest' });
  });

  /** What the search is doing, announced as it changes. */
  function searchState(): string {
    if (!query || error) return '';
    if (searching) return t('searching');
    if (hits.length === 0) return t('noResults', { q: query });
    return hits.length === 1 ? t('oneResult') : t('resultCount', { count: hits.length });
  }

  function open(hit: SearchHit) {
    returnFocus.current = false;
    window.location.hash = `#/${hit.route}`;
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') setCursor((i) => Math.min(hits.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setCursor((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter' && hits[cursor]) open(hits[cursor]);
    // The field is the dialog's only control: Tab must not wander to the screen behind it.
    else if (event.key !== 'Tab') return;
    event.preventDefault();
  }

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div className="dialog search-dialog" role="dialog" aria-modal="true" aria-labelledby={ids.title} onMouseDown={(e) => e.stopPropagation()}>
        <h2 id={ids.title} className="visually-hidden">
          {t('title')}
        </h2>
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label={t('title')}
          aria-autocomplete="list"
          aria-expanded={hits.length > 0}
          aria-controls={ids.list}
          aria-activedescendant={hits[cursor] ? optionId(cursor) : undefined}
          aria-describedby={ids.hint}
          placeholder={t('placeholder')}
          value={q}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <ErrorBanner error={error} />
        <ul role="listbox" id={ids.list} aria-label={t('results')} className="search-results">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}:${hit.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === cursor}
              className={i === cursor ? 'cursor' : undefined}
              data-kind={hit.kind}
              onMouseMove={() => setCursor(i)}
              onClick={() => open(hit)}
            >
              <SearchHitLine hit={hit} />
            </li>
          ))}
        </ul>
        <p className="search-state" role="status">
          {searchState()}
        </p>
        <p className="search-help" id={ids.hint}>
          {t('hint')} <span>{t('keys')}</span>
        </p>
      </div>
    </div>
  );
}
