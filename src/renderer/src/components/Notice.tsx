/** A message that something happened (a decision queued, a file imported): announced politely, with an icon-free text label. */
import type { ReactNode } from 'react';

export function Notice({ tone = 'info', children, testId }: { tone?: 'info' | 'success' | 'warning'; children: ReactNode; testId?: string }) {
  return (
    <div role="status" className={`notice notice-${tone}`} data-testid={testId}>
      {children}
    </div>
  );
}
