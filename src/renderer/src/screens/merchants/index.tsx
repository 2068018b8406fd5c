/**
 * Merchants: the onboarding pipeline (#/merchants), an application's review
 * (#/merchants/applications/<id>) and a merchant's profile (#/merchants/<merchantId>).
 * Onboarding reviewers work the pipeline; finance sees the directory and profiles.
 */
import { useState } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { can } from '../../../../shared/permissions.js';
import { Segmented } from '../../components/Segmented.js';
import { PageHeader } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { ApplicationReview } from './ApplicationReview.js';
import { Directory } from './Directory.js';
import { MerchantProfile } from './MerchantProfile.js';
import { messages } from './messages.js';
import { Pipeline } from './Pipeline.js';

type Tab = 'pipeline' | 'directory';

function Landing({ reviewer }: { reviewer: boolean }) {
  const t = useT(messages);
  const [tab, setTab] = useState<Tab>(reviewer ? 'pipeline' : 'directory');
  const current = reviewer ? tab : 'directory';
  return (
    <>
      <PageHeader title={t('title')} />
      {reviewer && (
        <Segmented
          label={t('sections')}
          options={[
            { value: 'pipeline' as Tab, label: t('tabPipeline') },
            { value: 'directory' as Tab, label: t('tabDirectory') },
          ]}
          value={current}
          onChange={setTab}
          testId="merchants-tabs"
        />
      )}
      {current === 'pipeline' ? <Pipeline /> : <Directory />}
    </>
  );
}

export function MerchantsScreen({ route, staff }: ScreenProps) {
  const reviewer = can(staff.role, 'merchants.review');
  const body =
    route[0] === 'applications' && route[1] ? (
      <ApplicationReview key={route[1]} applicationId={route[1]} staff={staff} />
    ) : route.length === 1 && route[0] !== 'applications' ? (
      <MerchantProfile key={route[0]} merchantId={route[0]} staff={staff} />
    ) : (
      <Landing reviewer={reviewer} />
    );
  return <div className="merchants">{body}</div>;
}
