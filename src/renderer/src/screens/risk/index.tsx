/**
 * Risk review (risk officers): flagged orders by level (#/risk), one review (#/risk/<orderId>),
 * the allow and block lists (#/risk/lists) and the rules' backtest (#/risk/backtest). The
 * queue's filters live here, so they survive opening a review and coming back.
 */
import { useState } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { PageHeader } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { Backtest } from './Backtest.js';
import { messages } from './messages.js';
import { RiskLists } from './RiskLists.js';
import { RiskNav } from './RiskNav.js';
import { DEFAULT_RISK_FILTERS, RiskQueue, type RiskFilters } from './RiskQueue.js';
import { RiskReview } from './RiskReview.js';

export function RiskScreen({ route }: ScreenProps) {
  const t = useT(messages);
  const [filters, setFilters] = useState<RiskFilters>(DEFAULT_RISK_FILTERS);
  const [first] = route;
  if (first && first !== 'lists' && first !== 'backtest') {
    return (
      <div className="dr-screen">
        <RiskReview key={first} orderId={first} />
      </div>
    );
  }
  const section = first === 'lists' ? 'lists' : first === 'backtest' ? 'backtest' : 'queue';
  const title = section === 'lists' ? t('tabLists') : section === 'backtest' ? t('tabBacktest') : t('title');
  return (
    <div className="dr-screen">
      <PageHeader title={title} />
      <RiskNav current={section} />
      {section === 'queue' && <RiskQueue filters={filters} onFilters={setFilters} />}
      {section === 'lists' && <RiskLists />}
      {section === 'backtest' && <Backtest />}
    </div>
  );
}
