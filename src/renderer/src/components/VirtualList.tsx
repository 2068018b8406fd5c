/**
 * A list that renders only the rows in view (a queue may hold tens of thousands of cases), with
 * keyboard triage: ↑/↓ or j/k move, Enter opens, and the screen may bind more keys (e.g. `a`
 * assign). Exposed to assistive technology as a grid with its full row count: the scrolling
 * element is the grid itself (one tab stop, keyboard-scrollable, the cursor row as its active
 * descendant) and the header row sticks to its top.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  width?: string;
  render(row: T): ReactNode;
}

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  onOpen?(row: T): void;
  /** Extra keys: return true when handled. */
  onKey?(key: string, row: T): boolean;
  /** Fetches more rows when the end is near (keyset pages). */
  onEndReached?(): void;
  rowHeight?: number;
  height?: number;
  selectedKey?: string | null;
}

const OVERSCAN = 8;
/** Height of the header row (styles.css .vlist-head). */
const HEAD_HEIGHT = 34;

export function VirtualList<T>({ label, rows, columns, rowKey, onOpen, onKey, onEndReached, rowHeight = 40, height = 560, selectedKey }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const [cursor, setCursor] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  const template = columns.map((c) => c.width ?? '1fr').join(' ');
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (onEndReached && last >= rows.length - OVERSCAN && rows.length > 0) onEndReached();
  }, [last, rows.length, onEndReached]);

  useEffect(() => {
    if (cursor >= rows.length) setCursor(Math.max(0, rows.length - 1));
  }, [rows.length, cursor]);

  function move(to: number) {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setCursor(next);
    const el = body.current;
    if (!el) return;
    // Rows sit below the sticky header row (HEAD_HEIGHT) in the scrolling grid.
    if (next * rowHeight < el.scrollTop) el.scrollTop = next * rowHeight;
    else if (HEAD_HEIGHT + (next + 1) * rowHeight > el.scrollTop + height) el.scrollTop = HEAD_HEIGHT + (next + 1) * rowHeight - height;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const row = rows[cursor];
    if (event.key === 'ArrowDown' || event.key === 'j') move(cursor + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') move(cursor - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Enter' && row && onOpen) onOpen(row);
    else if (!(row && onKey?.(event.key, row))) return;
    event.preventDefault();
  }

  const active = rows[cursor] && cursor >= first && cursor < last ? `row-${rowKey(rows[cursor])}` : undefined;
  return (
    <div className="vlist">
      <div
        ref={body}
        className="vlist-body"
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        tabIndex={0}
        aria-activedescendant={active}
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="vlist-row vlist-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.key} role="columnheader">
              {c.header}
            </div>
          ))}
        </div>
        <div style={{ height: rows.length * rowHeight, position: 'relative' }}>
          {rows.slice(first, last).map((row, i) => {
            const index = first + i;
            const key = rowKey(row);
            return (
              <div
                key={key}
                id={`row-${key}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={index === cursor || key === selectedKey}
                className={`vlist-row ${index === cursor ? 'cursor' : ''}`}
                style={{ gridTemplateColumns: template, top: index * rowHeight, height: rowHeight, position: 'absolute', left: 0, right: 0 }}
                onClick={() => setCursor(index)}
                onDoubleClick={() => onOpen?.(row)}
              >
                {columns.map((c) => (
                  <div key={c.key} role="gridcell">
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
