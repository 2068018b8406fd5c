/**
 * The JSON summary the simulator prints as its last stdout line: what was planned (orders,
 * disputes and their evidence files, planted risky patterns, applications, statement
 * discrepancies) next to what the hub answered and how fast.
 */
import type { SendReport } from './send.js';
import type { Traffic } from './traffic.js';

export interface ClockReport {
  followed: boolean;
  advancedDays: number;
  autoConfirmed: number;
}

function perSecond(events: number, ms: number): number {
  return ms > 0 ? Math.round((events * 1000) / ms) : 0;
}

export function buildSummary(traffic: Traffic, sent: SendReport, clock: ClockReport): Record<string, unknown> {
  const { plan, options } = traffic;
  const burst = sent.burst && {
    events: sent.burst.events,
    accepted: sent.burst.accepted,
    elapsed_ms: sent.burst.elapsedMs,
    accepted_events_per_s: perSecond(sent.burst.accepted, sent.burst.elapsedMs),
  };
  return {
    profile: options.profile,
    seed: options.seed,
    run_tag: traffic.runTag,
    orders: plan.orders,
    buyers: plan.buyers,
    merchants_selling: plan.merchantsSelling,
    orders_by_currency: plan.ordersByCurrency,
    events: plan.eventsByType,
    events_sent: sent.eventsSent,
    requests: sent.requests,
    retries: sent.retries,
    accepted: sent.accepted,
    rejected: sent.rejected,
    rejected_examples: sent.rejectedExamples,
    clock: {
      followed: clock.followed,
      clock_dependent_events: plan.clockDependentEvents,
      rejected_needing_clock: sent.rejectedNeedingClock,
      advanced_days: clock.advancedDays,
      auto_confirmed: clock.autoConfirmed,
    },
    disputes: {
      total: plan.disputes.total,
      rate_percent: Math.round((plan.disputes.total * 10_000) / plan.orders) / 100,
      by_kind: plan.disputes.byKind,
      by_reason: plan.disputes.byReason,
      before_shipping: plan.disputes.beforeShipping,
      withdrawn: plan.disputes.withdrawn,
    },
    risky_patterns: Object.fromEntries(
      Object.entries(plan.risky).map(([kind, patterns]) => [kind, patterns.map((p) => ({ subject: p.subject, order_ids: p.orderIds }))]),
    ),
    known_bad: { device_ids: plan.knownBad.deviceIds, shipping_addresses: plan.knownBad.shippingAddresses },
    applications: { valid: plan.applications.valid, invalid: plan.applications.invalid, invalid_by_defect: plan.applications.invalidByDefect },
    statement: {
      lines: plan.statement.lines,
      discrepancies: plan.statement.discrepancies.map((d) => ({ kind: d.kind, line_id: d.lineId, reference: d.reference, detail: d.detail })),
    },
    payouts: plan.payouts,
    evidence: {
      messages: plan.evidence.messages,
      files: plan.evidence.files,
      bytes: plan.evidence.bytes,
      uploaded: sent.attachmentsUploaded,
      uploaded_bytes: sent.attachmentBytes,
    },
    elapsed_ms: sent.elapsedMs,
    // Singles' Day reports the rate of its burst; an ordinary day, the rate of the whole run.
    accepted_events_per_s: burst ? burst.accepted_events_per_s : perSecond(sent.accepted, sent.elapsedMs),
    burst,
    answers_sha256: sent.answersSha256,
  };
}
