/**
 * When no order was paid in the chosen range, the trends would look like a broken screen: say
 * when orders were last paid in this currency and offer the shortest range that shows them
 * (a quiet spell, or a replica whose data ends weeks ago, as after a holiday or in a demo).
 */
import type { Currency } from '../../../../shared/money.js';
import { Notice } from '../../components/Notice.js';
import { Button } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import { chinaDayStart, rangeReaching, type RangeDays } from './types.js';

export function QuietRangeNotice({ days, currency, lastPaidDay, today, onRange }: { days: RangeDays; currency: Currency; lastPaidDay: string | undefined; today: string; onRange(days: RangeDays): void }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const wider = lastPaidDay ? rangeReaching(lastPaidDay, today) : null;
  return (
    <Notice tone="warning" testId="overview-quiet-range">
      <span>
        {lastPaidDay
          ? t('quietRange', { days, currency, day: format.date(chinaDayStart(lastPaidDay), language) })
          : t('neverPaid', { currency })}
      </span>
      {wider !== null && wider !== days && (
        <Button className="notice-action" onClick={() => onRange(wider)} data-testid="overview-show-wider">
          {t('showRange', { days: wider })}
        </Button>
      )}
    </Notice>
  );
}
