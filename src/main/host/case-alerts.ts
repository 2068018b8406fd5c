/**
 * Desktop notifications for new high-priority cases (services/case-alerts.ts says which). Only
 * what arrives while the console is live counts: the backlog a console catches up on after
 * sign-in or an outage is not news, so the first "online" sets the mark and a long gap moves
 * it without a notification. Each staff member hears only of cases their role may work on,
 * and a locked console names no case (the notification shows on the desktop, not behind the lock).
 */
import type { SqlRunner } from '../../core/db/sqlite.js';
import type { EscrowConfig } from '../../core/escrow/config.js';
import type { Language, SyncStatus } from '../../shared/api/console.js';
import { can } from '../../shared/permissions.js';
import type { Role } from '../../shared/roles.js';
import { MAX_ALERT_EVENTS, newHighPriorityCases, type NewCases } from '../services/case-alerts.js';

export interface CaseNotification {
  title: string;
  body: string;
  kind: 'dispute' | 'risk';
}

export interface CaseAlertDeps {
  read: () => SqlRunner;
  config: EscrowConfig;
  role: () => Role | null;
  locked: () => boolean;
  language: () => Language;
  publish: (notification: CaseNotification) => void;
  log: (message: string) => void;
}

const TEXT: Record<Language, { disputes: (n: number, ids: string) => string; flags: (n: number, ids: string) => string; locked: string; title: string }> = {
  en: {
    title: 'Escrow Console',
    disputes: (n, ids) => `${n} new high-priority dispute${n === 1 ? '' : 's'}: ${ids}`,
    flags: (n, ids) => `${n} new highest-level risk flag${n === 1 ? '' : 's'}: ${ids}`,
    locked: 'New high-priority cases are waiting. Unlock the console to see them.',
  },
  'zh-CN': {
    title: '担保交易管理台',
    disputes: (n, ids) => `${n} 个新的高优先级纠纷：${ids}`,
    flags: (n, ids) => `${n} 个新的最高级风险标记：${ids}`,
    locked: '有新的高优先级案件待处理，请解锁控制台查看。',
  },
};

function listed(ids: string[], total: number): string {
  return total > ids.length ? `${ids.join(', ')} …` : ids.join(', ');
}

/** The notification for `role`, or null when nothing new is theirs. */
export function caseNotification(cases: NewCases, role: Role, language: Language, locked: boolean): CaseNotification | null {
  const text = TEXT[language];
  const disputes = can(role, 'disputes.decide') && cases.disputeCount > 0;
  const flags = can(role, 'risk.review') && cases.flagCount > 0;
  if (!disputes && !flags) return null;
  const kind = disputes ? 'dispute' : 'risk';
  if (locked) return { title: text.title, body: text.locked, kind };
  const lines = [
    ...(disputes ? [text.disputes(cases.disputeCount, listed(cases.disputes, cases.disputeCount))] : []),
    ...(flags ? [text.flags(cases.flagCount, listed(cases.flags, cases.flagCount))] : []),
  ];
  return { title: text.title, body: lines.join('\n'), kind };
}

export class CaseAlerts {
  /** The last sequence number looked at; null until the console is first live. */
  private mark: number | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CaseAlertDeps) {}

  /** Called on every sync status; checks run one after another. */
  onStatus(status: SyncStatus): void {
    this.chain = this.chain.then(() => this.check(status)).catch((error: unknown) => {
      this.deps.log(`alerts: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Resolves when the checks asked for so far have run. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** A new session starts from its own first live moment. */
  reset(): void {
    this.mark = null;
  }

  private async check(status: SyncStatus): Promise<void> {
    if (status.state !== 'online') return;
    const from = this.mark;
    this.mark = status.cursor;
    if (from === null || status.cursor <= from || status.cursor - from > MAX_ALERT_EVENTS) return;
    const role = this.deps.role();
    if (!role) return;
    const cases = await newHighPriorityCases(this.deps.read(), from, status.cursor, this.deps.config);
    const notification = caseNotification(cases, role, this.deps.language(), this.deps.locked());
    if (notification) this.deps.publish(notification);
  }
}
