/**
 * Disputes: the queue (#/disputes) and one case (#/disputes/<disputeId>). Support agents work
 * and decide cases; finance approves or declines four-eyes proposals. The queue's filters live
 * here, so they survive opening a case and coming back.
 */
import { useState } from 'react';
import type { ScreenProps } from '../../app/screens.js';
import { DisputeCase } from './DisputeCase.js';
import { DisputeQueue } from './DisputeQueue.js';
import { EMPTY_FILTERS, type Filters } from './filters.js';

export function DisputesScreen({ route, staff }: ScreenProps) {
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const disputeId = route[0];
  return (
    <div className="dr-screen">
      {disputeId ? <DisputeCase key={disputeId} disputeId={disputeId} staff={staff} /> : <DisputeQueue staff={staff} filters={filters} onFilters={setFilters} />}
    </div>
  );
}
