/**
 * Settlements (finance): payout runs and the payout list (#/settlements, #/settlements/payouts),
 * statement import (#/settlements/import) and the reconciliation workspace
 * (#/settlements/recon, #/settlements/recon/<dayId>).
 */
import { useState } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { PageHeader } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { messages } from './messages.js';
import { PayoutBatch } from './PayoutBatch.js';
import { PayoutList } from './PayoutList.js';
import { ReconDay } from './ReconDay.js';
import { ReconDays } from './ReconDays.js';
import { StatementImport } from './StatementImport.js';

type Section = 'payouts' | 'import' | 'recon';

const DAY_ID = /^(trade|bank)\.\d{4}-\d{2}-\d{2}$/;

function SectionNav({ current }: { current: Section }) {
  const t = useT(messages);
  const links: ReadonlyArray<[Section, 'tabPayouts' | 'tabImport' | 'tabRecon']> = [
    ['payouts', 'tabPayouts'],
    ['import', 'tabImport'],
    ['recon', 'tabRecon'],
  ];
  return (
    <nav className="section-nav" aria-label={t('sections')}>
      {links.map(([section, key]) => (
        <a key={section} href={href('settlements', section)} aria-current={section === current ? 'page' : undefined} data-testid={`settlements-tab-${section}`}>
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

function Payouts() {
  const t = useT(messages);
  const [created, setCreated] = useState(0);
  return (
    <>
      <PageHeader title={t('tabPayouts')} />
      <PayoutBatch onCreated={() => setCreated((n) => n + 1)} />
      <PayoutList refresh={created} />
    </>
  );
}

export function SettlementsScreen({ route, staff }: ScreenProps) {
  const [first, second] = route;
  const section: Section = first === 'import' ? 'import' : first === 'recon' ? 'recon' : 'payouts';
  return (
    <div className="settlements">
      <SectionNav current={section} />
      {section === 'import' ? (
        <StatementImport />
      ) : section === 'recon' ? (
        second && DAY_ID.test(second) ? (
          <ReconDay key={second} dayId={second} staff={staff} />
        ) : (
          <ReconDays />
        )
      ) : (
        <Payouts />
      )}
    </div>
  );
}
