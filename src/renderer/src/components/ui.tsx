/** Small building blocks every screen uses, so the console looks and behaves the same everywhere. */
import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { Currency } from '../../../shared/money.js';
import type { Failure } from '../../../shared/result.js';
import * as format from '../format.js';
import { common } from '../i18n/common.js';
import { useLanguage, useT } from '../i18n/i18n.js';

export function Button({ variant = 'secondary', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  return <button type="button" {...props} className={`btn btn-${variant} ${props.className ?? ''}`} />;
}

export function Money({ amount, currency }: { amount: bigint; currency: Currency }) {
  const { language } = useLanguage();
  return <span className={`money ${amount < 0n ? 'negative' : ''}`}>{format.money(amount, currency, language)}</span>;
}

export function DateTime({ at }: { at: number }) {
  const { language } = useLanguage();
  return <time dateTime={new Date(at).toISOString()}>{format.dateTime(at, language)}</time>;
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Panel({ title, children, actions }: { title?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      {(title || actions) && (
        <div className="panel-header">
          {title && <h2>{title}</h2>}
          {actions}
        </div>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** A failed call, said plainly (the code helps support; no stack ever reaches the screen). */
export function ErrorBanner({ error }: { error: Failure | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="error-banner">
      <strong>{error.message}</strong> <code>{error.code}</code>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A thin moving bar while a screen waits for its data; announced as "Loading…" in the staff member's language. */
export function Loading() {
  const c = useT(common);
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{c('loading')}</span>
    </div>
  );
}

/** A labelled form field; the label is tied to its control for screen readers. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && !error && <small>{hint}</small>}
      {error && (
        <small role="alert" className="field-message">
          {error}
        </small>
      )}
    </div>
  );
}

/** A figure with its label; `hint` qualifies it on a line of its own ("3 days not closed"). */
export function Stat({ label, value, tone, hint }: { label: string; value: ReactNode; tone?: 'warning' | 'danger'; hint?: ReactNode }) {
  return (
    <div className={`stat ${tone ? `stat-${tone}` : ''}`}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
