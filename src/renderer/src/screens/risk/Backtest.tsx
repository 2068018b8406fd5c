/**
 * Backtest (#/risk/backtest): how edited thresholds would have scored this console's order
 * history, against what became of the orders (later disputed or refunded as fraud), next to
 * the current rules. Runs locally, offline too.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/client.js';
import type { BacktestReport, Ratio } from '../../../../shared/escrow/risk.js';
import { cstDayStart, EARLIEST_MS, LATEST_MS } from '../../components/cst-dates.js';
import { Button, ErrorBanner, Field, Loading, Panel } from '../../components/ui.js';
import type { Failure } from '../../../../shared/result.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { ruleLabel } from './hooks.js';
import { messages, type MessageKey } from './messages.js';

type NumberField = 'elevatedAt' | 'highestAt' | 'velocityThreshold' | 'amountMedianPercent';
const RANGES: Record<NumberField, [number, number]> = {
  elevatedAt: [1, 100],
  highestAt: [1, 100],
  velocityThreshold: [1, 1000],
  amountMedianPercent: [100, 100_000],
};
const FIELDS: NumberField[] = ['elevatedAt', 'highestAt', 'velocityThreshold', 'amountMedianPercent'];

type Overrides = Partial<Record<NumberField, number>> & { since?: number };

/** A backtest's answer: the report and the thresholds it ran with (src/main/app/risk.ts). */
type BacktestRun = BacktestReport & { thresholds: Record<NumberField, number> };

/** A ratio as a percentage with two decimals, by integer arithmetic. */
function percent(ratio: Ratio, na: string): string {
  if (ratio.denominator === 0) return na;
  const bp = Math.floor((ratio.numerator * 10_000) / ratio.denominator);
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')} %`;
}

export function Backtest() {
  const t = useT(messages);
  const { language } = useLanguage();
  const api = useApi();
  const [values, setValues] = useState<Record<NumberField | 'since', string>>({ elevatedAt: '', highestAt: '', velocityThreshold: '', amountMedianPercent: '', since: '' });
  const [errors, setErrors] = useState<Partial<Record<NumberField | 'since', string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [result, setResult] = useState<{ current: BacktestRun; edited: BacktestRun } | null>(null);

  function check(): Overrides | null {
    const errs: typeof errors = {};
    const out: Overrides = {};
    for (const field of FIELDS) {
      const text = values[field].trim();
      if (!text) continue;
      const [min, max] = RANGES[field];
      const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) errs[field] = t('intRange', { min, max });
      else out[field] = n;
    }
    if (out.elevatedAt !== undefined && out.highestAt !== undefined && out.highestAt < out.elevatedAt) errs.highestAt = t('levelsOrder');
    if (values.since) {
      const since = cstDayStart(values.since);
      if (since === null || since < EARLIEST_MS || since > LATEST_MS) errs.since = t('dateInvalid');
      else out.since = since;
    }
    setErrors(errs);
    return Object.keys(errs).length === 0 ? out : null;
  }

  async function run(event: FormEvent) {
    event.preventDefault();
    const overrides = check();
    if (!overrides) return;
    setBusy(true);
    setFailure(null);
    const [current, edited] = await Promise.all([api.call('risk.backtest', overrides.since !== undefined ? { since: overrides.since } : {}), api.call('risk.backtest', overrides)]);
    setBusy(false);
    if (!current.ok) return setFailure(current.error);
    if (!edited.ok) return setFailure(edited.error);
    setResult({ current: current.value as BacktestRun, edited: edited.value as BacktestRun });
  }

  const n = (x: number) => format.count(x, language);
  const tallyRows = (testId: string, title: string, keys: Array<[string, string]>, pick: (r: BacktestReport) => Record<string, { orders: number; laterDisputedOrFraud: number }>) =>
    result && (
      <Panel title={title}>
        <table className="data" data-testid={`backtest-${testId}`}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('metric')}</th>
              <th scope="col" className="num">
                {t('current')}: {t('orders')}
              </th>
              <th scope="col" className="num">
                {t('current')}: {t('laterBad')}
              </th>
              <th scope="col" className="num">
                {t('edited')}: {t('orders')}
              </th>
              <th scope="col" className="num">
                {t('edited')}: {t('laterBad')}
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map(([key, label]) => {
              const a = pick(result.current)[key] ?? { orders: 0, laterDisputedOrFraud: 0 };
              const b = pick(result.edited)[key] ?? { orders: 0, laterDisputedOrFraud: 0 };
              return (
                <tr key={key} data-key={key}>
                  <th scope="row">{label}</th>
                  <td className="num">{n(a.orders)}</td>
                  <td className="num">{n(a.laterDisputedOrFraud)}</td>
                  <td className="num">{n(b.orders)}</td>
                  <td className="num">{n(b.laterDisputedOrFraud)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Panel>
    );

  const labelOf: Record<NumberField, MessageKey> = { elevatedAt: 'elevatedAt', highestAt: 'highestAt', velocityThreshold: 'velocityThreshold', amountMedianPercent: 'amountMedianPercent' };
  return (
    <div className="risk-backtest">
      <p className="muted">{t('backtestIntro')}</p>
      <Panel title={t('thresholds')}>
        <form className="filters" onSubmit={run} data-testid="backtest-form" noValidate>
          {FIELDS.map((field) => (
            <Field key={field} label={t(labelOf[field])} hint={result ? t('currentValue', { value: result.current.thresholds[field] }) : t('currentSetting')} error={errors[field]}>
              {(id) => (
                <input
                  id={id}
                  inputMode="numeric"
                  size={8}
                  value={values[field]}
                  onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                  aria-invalid={!!errors[field]}
                  data-testid={`backtest-${field}`}
                />
              )}
            </Field>
          ))}
          <Field label={t('since')} error={errors.since}>
            {(id) => (
              <input id={id} type="date" min="2000-01-01" max="2199-12-31" value={values.since} onChange={(e) => setValues((v) => ({ ...v, since: e.target.value }))} aria-invalid={!!errors.since} data-testid="backtest-since" />
            )}
          </Field>
          <div className="filter-buttons">
            <Button type="submit" variant="primary" disabled={busy} data-testid="backtest-run">
              {busy ? t('running') : t('run')}
            </Button>
          </div>
        </form>
      </Panel>
      {busy && <Loading />}
      <ErrorBanner error={failure} />
      {result && (
        <div data-testid="backtest-results" aria-live="polite">
          <p>
            {result.edited.period
              ? t('period', { from: format.dateTime(result.edited.period.from, language), to: format.dateTime(result.edited.period.to, language) })
              : t('noHistory')}
          </p>
          <p className="muted" data-testid="backtest-thresholds">
            {t('thresholdsUsed', { rules: t('current'), ...result.current.thresholds })}
            <br />
            {t('thresholdsUsed', { rules: t('edited'), ...result.edited.thresholds })}
          </p>
          {tallyRows('total', t('summaryCaption'), [['total', t('orders')]], (r) => ({ total: r.total }))}
          {tallyRows('levels', t('byLevel'), [
            ['normal', t('level_normal')],
            ['elevated', t('level_elevated')],
            ['highest', t('level_highest')],
          ], (r) => r.levels)}
          {tallyRows('decisions', t('byDecision'), [
            ['pass', t('decision_pass')],
            ['hold', t('decision_hold')],
            ['refuse', t('decision_refuse')],
          ], (r) => r.decisions)}
          <Panel title={t('byRule')}>
            <div className="table-scroll">
              <table className="data" data-testid="backtest-rules">
                <caption className="visually-hidden">{t('byRule')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colRule')}</th>
                    <th scope="col" className="num">
                      {t('current')}: {t('fired')}
                    </th>
                    <th scope="col" className="num">
                      {t('current')}: {t('flagged')}
                    </th>
                    <th scope="col" className="num">
                      {t('current')}: {t('precision')}
                    </th>
                    <th scope="col" className="num">
                      {t('edited')}: {t('fired')}
                    </th>
                    <th scope="col" className="num">
                      {t('edited')}: {t('flagged')}
                    </th>
                    <th scope="col" className="num">
                      {t('edited')}: {t('precision')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.keys(result.edited.rules).map((rule) => {
                    const a = result.current.rules[rule];
                    const b = result.edited.rules[rule];
                    return (
                      <tr key={rule} data-rule={rule}>
                        <th scope="row">{ruleLabel(rule, t)}</th>
                        <td className="num">{a ? n(a.fired) : '—'}</td>
                        <td className="num">{a ? n(a.flagged) : '—'}</td>
                        <td className="num">{a ? percent(a.precision, t('na')) : '—'}</td>
                        <td className="num">{n(b.fired)}</td>
                        <td className="num">{n(b.flagged)}</td>
                        <td className="num">{percent(b.precision, t('na'))}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="muted">
              {t('allowLowered')}: {n(result.current.allowListLowered)} → {n(result.edited.allowListLowered)}
            </p>
          </Panel>
        </div>
      )}
    </div>
  );
}
