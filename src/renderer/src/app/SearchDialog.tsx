/** Global search (Ctrl+K / ⌘K): orders, disputes, merchants, buyers by id or name. */
import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/api/console.js';
import type { Failure } from '../../../shared/result.js';
import { useApi } from '../api/client.js';
import { ErrorBanner } from '../components/ui.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/i18n.js';

export function SearchDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const c = useT(common);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<Failure | null>(null);
  const [cursor, setCursor] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const query = q.trim();
    if (!query) return setHits([]);
    let live = true;
    const timer = setTimeout(() => {
      void api.call('search.global', { q: query, limit: 20 }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setHits(r.value.items);
          setError(null);
          setCursor(0);
        } else setError(r.error);
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, q]);

  function open(hit: SearchHit) {
    window.location.hash = `#/${hit.route}`;
    onClose();
  }

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog search-dialog" role="dialog" aria-modal="true" aria-label={c('search')} onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          type="search"
          aria-label={c('search')}
          placeholder={c('searchShortcut')}
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
            else if (e.key === 'ArrowDown') setCursor((i) => Math.min(hits.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setCursor((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter' && hits[cursor]) open(hits[cursor]);
          }}
        />
        <ErrorBanner error={error} />
        <ul role="listbox" aria-label={c('search')}>
          {hits.map((hit, i) => (
            <li key={`${hit.kind}:${hit.id}`} role="option" aria-selected={i === cursor} className={i === cursor ? 'cursor' : ''} onClick={() => open(hit)}>
              <span className="hit-kind">{hit.kind}</span> <strong>{hit.id}</strong> <span>{hit.label}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
