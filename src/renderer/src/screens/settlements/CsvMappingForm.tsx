/**
 * A bank's CSV export described once and saved under a name (`recon.saveMapping`); the main
 * process validates it (src/core/statements/csv-mapping.ts) and names what is wrong.
 */
import { useState, type FormEvent } from 'react';
import { CURRENCIES, type Currency } from '../../../../shared/money.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Notice } from '../../components/Notice.js';
import { Button, ErrorBanner, Field } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

/** As src/core/statements/dates.ts (DATE_FORMATS) lists them. */
const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
const DELIMITERS = [
  [',', 'delimiter_comma'],
  [';', 'delimiter_semicolon'],
  ['\t', 'delimiter_tab'],
  ['|', 'delimiter_pipe'],
] as const;
const COLUMNS = ['bookedAt', 'amount', 'currency', 'reference', 'counterparty', 'description', 'externalId'] as const;
const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(['bookedAt', 'amount', 'reference']);
export const MAPPING_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

type Column = (typeof COLUMNS)[number];

/** A column by its header text, or by 0-based position when only digits are typed. */
function column(text: string): string | number | undefined {
  const value = text.trim();
  if (!value) return undefined;
  return /^\d{1,3}$/.test(value) ? Number(value) : value;
}

export function CsvMappingForm({ initialName, onSaved }: { initialName: string; onSaved(name: string): void }) {
  const api = useApi();
  const t = useT(messages);
  const [name, setName] = useState(initialName);
  const [delimiter, setDelimiter] = useState<string>(',');
  const [encoding, setEncoding] = useState<'utf8' | 'gbk'>('utf8');
  const [headerRows, setHeaderRows] = useState('1');
  const [columns, setColumns] = useState<Record<Column, string>>({ bookedAt: '', amount: '', currency: '', reference: '', counterparty: '', description: '', externalId: '' });
  const [dateFormat, setDateFormat] = useState<(typeof DATE_FORMATS)[number]>('YYYY-MM-DD');
  const [utcOffset, setUtcOffset] = useState('+08:00');
  const [decimal, setDecimal] = useState<'.' | ','>('.');
  const [thousands, setThousands] = useState<'' | ',' | '.' | ' '>('');
  const [negative, setNegative] = useState<'minus' | 'parentheses'>('minus');
  const [defaultCurrency, setDefaultCurrency] = useState<Currency>('CNY');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const nameOk = MAPPING_NAME.test(name);
  const rowsOk = /^\d{1,2}$/.test(headerRows) && Number(headerRows) <= 20;
  const columnsOk = [...REQUIRED_COLUMNS].every((c) => columns[c as Column].trim() !== '');

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!nameOk || !rowsOk || !columnsOk) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    const cols: Record<string, string | number> = {};
    for (const c of COLUMNS) {
      const value = column(columns[c]);
      if (value !== undefined) cols[c] = value;
    }
    const mapping = { name, delimiter, encoding, headerRows: Number(headerRows), columns: cols, dateFormat, utcOffset: utcOffset.trim(), amountFormat: { decimal, thousands, negative }, defaultCurrency };
    const result = await api.call('recon.saveMapping', { name, mapping });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(name);
    onSaved(name);
  }

  return (
    <form className="mapping-form" onSubmit={(e) => void save(e)} aria-labelledby="mapping-title" data-testid="mapping-form" noValidate>
      <h2 id="mapping-title">{t('mappingTitle')}</h2>
      <div className="form-grid">
        <Field label={t('mappingName')} error={name && !nameOk ? t('mappingInvalid') : null}>
          {(id) => <input id={id} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} required data-testid="mapping-name" />}
        </Field>
        <Field label={t('mapDelimiter')}>
          {(id) => (
            <select id={id} value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
              {DELIMITERS.map(([value, key]) => (
                <option key={key} value={value}>
                  {t(key)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('mapEncoding')}>
          {(id) => (
            <select id={id} value={encoding} onChange={(e) => setEncoding(e.target.value as 'utf8' | 'gbk')}>
              <option value="utf8">UTF-8</option>
              <option value="gbk">GBK</option>
            </select>
          )}
        </Field>
        <Field label={t('mapHeaderRows')} hint={t('mapHeaderRowsHint')}>
          {(id) => <input id={id} inputMode="numeric" value={headerRows} onChange={(e) => setHeaderRows(e.target.value)} aria-invalid={!rowsOk || undefined} />}
        </Field>
      </div>
      <fieldset>
        <legend>{t('mapColumns')}</legend>
        <div className="form-grid">
          {COLUMNS.map((c) => (
            <Field key={c} label={t(`col_${c}`)}>
              {(id) => (
                <input
                  id={id}
                  value={columns[c]}
                  maxLength={100}
                  required={REQUIRED_COLUMNS.has(c)}
                  onChange={(e) => setColumns((current) => ({ ...current, [c]: e.target.value }))}
                  data-testid={`mapping-column-${c}`}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        <Field label={t('mapDateFormat')}>
          {(id) => (
            <select id={id} value={dateFormat} onChange={(e) => setDateFormat(e.target.value as (typeof DATE_FORMATS)[number])}>
              {DATE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('mapUtcOffset')} hint={t('mapUtcOffsetHint')}>
          {(id) => <input id={id} value={utcOffset} maxLength={6} onChange={(e) => setUtcOffset(e.target.value)} />}
        </Field>
        <Field label={t('mapDecimal')}>
          {(id) => (
            <select id={id} value={decimal} onChange={(e) => setDecimal(e.target.value as '.' | ',')}>
              <option value=".">.</option>
              <option value=",">,</option>
            </select>
          )}
        </Field>
        <Field label={t('mapThousands')}>
          {(id) => (
            <select id={id} value={thousands} onChange={(e) => setThousands(e.target.value as '' | ',' | '.' | ' ')}>
              <option value="">{t('thousands_none')}</option>
              <option value=",">,</option>
              <option value=".">.</option>
              <option value=" ">{t('thousands_space')}</option>
            </select>
          )}
        </Field>
        <Field label={t('mapNegative')}>
          {(id) => (
            <select id={id} value={negative} onChange={(e) => setNegative(e.target.value as 'minus' | 'parentheses')}>
              <option value="minus">{t('negative_minus')}</option>
              <option value="parentheses">{t('negative_parentheses')}</option>
            </select>
          )}
        </Field>
        <Field label={t('mapDefaultCurrency')}>
          {(id) => (
            <select id={id} value={defaultCurrency} onChange={(e) => setDefaultCurrency(e.target.value as Currency)}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={error} />
      {saved && <Notice tone="success">{t('mappingSaved', { name: saved })}</Notice>}
      <Button type="submit" disabled={busy || !nameOk || !rowsOk || !columnsOk} data-testid="mapping-save">
        {t('saveMapping')}
      </Button>
    </form>
  );
}
