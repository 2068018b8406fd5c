/** The risk screen's sections: flagged orders, allow/block lists, backtest. */
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { messages } from './messages.js';

export type RiskSection = 'queue' | 'lists' | 'backtest';

export function RiskNav({ current }: { current: RiskSection | null }) {
  const t = useT(messages);
  const tabs: Array<[RiskSection, string, string[]]> = [
    ['queue', t('tabQueue'), ['risk']],
    ['lists', t('tabLists'), ['risk', 'lists']],
    ['backtest', t('tabBacktest'), ['risk', 'backtest']],
  ];
  return (
    <nav className="subnav" aria-label={t('sections')}>
      <ul>
        {tabs.map(([id, label, to]) => (
          <li key={id}>
            <a href={href(...to)} aria-current={current === id ? 'page' : undefined} data-testid={`risk-tab-${id}`}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
