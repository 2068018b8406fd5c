import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/escrow/config.js';
import {
  backtest,
  basisPoints,
  DEFAULT_RISK_CONFIG,
  LIST_ENTITY_TYPES,
  normaliseAddress,
  riskLevel,
  scoreOrder,
  type BacktestEntry,
  type ListEntityType,
  type ListEntry,
  type RiskConfig,
  type RiskFeatures,
  type RiskInput,
  type RiskLists,
  type RiskOrder,
  type RiskRuleName,
} from '../../src/core/risk/index.js';
import { CURRENCIES, MAX_AMOUNT_MINOR } from '../../src/shared/money.js';
import { fcOptions } from '../support/fc.js';

const T0 = Date.UTC(2026, 10, 11, 12);
const CONFIG = DEFAULT_RISK_CONFIG;
const ADDRESS = '广东省深圳市南山区科技园路1号';

/** An established merchant, a buyer with a home region and a clean record: no rule fires. */
const QUIET_FEATURES: RiskFeatures = {
  buyerOrdersInWindow: 0,
  merchantHistory: { orders: 200, medianAmount: 100_00n, p90Amount: 150_00n },
  merchantFirstSeenAt: T0 - 365 * DAY_MS,
  merchantOrdersSinceFirstSeen: 5_000,
  merchantVolumeSinceFirstSeen: 500_000_00n,
  buyerUsualRegion: 'CN-GD',
  buyerDisputes: { opened: 0 },
};

interface Overrides {
  order?: Partial<RiskOrder>;
  features?: Partial<RiskFeatures>;
  lists?: Partial<RiskLists>;
}

function input({ order, features, lists }: Overrides = {}): RiskInput {
  return {
    order: {
      orderId: 'O1',
      buyerId: 'B1',
      merchantId: 'M1',
      amount: 100_00n,
      currency: 'CNY',
      paidAt: T0,
      buyerRegion: 'CN-GD',
      shippingRegion: 'CN-GD',
      deviceId: 'dev-1',
      shippingAddress: ADDRESS,
      ...order,
    },
    features: { ...QUIET_FEATURES, ...features },
    lists: { block: [], allow: [], ...lists },
  };
}

function entry(entityType: ListEntityType, value: string, expiresAt: number | null = null): ListEntry {
  return { entityType, value, reason: `test ${entityType}`, expiresAt };
}

function pointsOf(rule: RiskRuleName, overrides: Overrides, config: RiskConfig = CONFIG): number {
  return scoreOrder(input(overrides), config).findings.find((f) => f.rule === rule)?.points ?? 0;
}

function withConfig(patch: Partial<RiskConfig>): RiskConfig {
  return { ...CONFIG, ...patch };
}

describe('risk rules', () => {
  it('a quiet order scores 0 and passes', () => {
    expect(scoreOrder(input(), CONFIG)).toEqual({
      score: 0,
      rulesScore: 0,
      level: 'normal',
      decision: 'pass',
      findings: [],
      blockedBy: null,
      allowedBy: null,
    });
  });

  describe('buyer velocity (threshold 5 orders in the window, full weight at 9, this order included)', () => {
    it.each([
      [3, 0],
      [4, 40],
      [5, 50],
      [6, 60],
      [7, 70],
      [8, 80],
      [30, 80],
    ])('%i earlier orders in the window: %i points', (earlier, points) => {
      expect(pointsOf('buyer_velocity', { features: { buyerOrdersInWindow: earlier } })).toBe(points);
    });

    it('states the count, the window and the threshold', () => {
      const [found] = scoreOrder(input({ features: { buyerOrdersInWindow: 6 } }), CONFIG).findings;
      expect(found.reason).toBe('7 orders by buyer B1 within 1 h (threshold 5, full weight at 9)');
      expect(found.evidence).toEqual({ ordersInWindow: 7, windowMs: CONFIG.velocityWindowMs, threshold: 5, fullAt: 9 });
    });

    it('a weight of 0 disables it', () => {
      const config = withConfig({ buyerVelocity: { ...CONFIG.buyerVelocity, weight: 0 } });
      expect(pointsOf('buyer_velocity', { features: { buyerOrdersInWindow: 30 } }, config)).toBe(0);
    });
  });

  describe('amount anomaly (5x median or 3x p90, full at 20x median, 20 orders of history)', () => {
    const noP90 = (orders = 200) => ({ merchantHistory: { orders, medianAmount: 100_00n, p90Amount: null } });

    it.each([
      [499_99n, 0],
      [500_00n, 40],
      [500_01n, 41],
      [1_250_00n, 60],
      [1_999_99n, 80],
      [2_000_00n, 80],
      [3_000_00n, 80],
    ])('without a p90, %s minor units against a median of 100.00 gives %i points', (amount, points) => {
      expect(pointsOf('amount_anomaly', { order: { amount }, features: noP90() })).toBe(points);
    });

    it('fires from 3x the p90 when that is lower than 5x the median', () => {
      expect(pointsOf('amount_anomaly', { order: { amount: 449_99n } })).toBe(0);
      expect(pointsOf('amount_anomaly', { order: { amount: 450_00n } })).toBe(40);
      expect(pointsOf('amount_anomaly', { order: { amount: 2_000_00n } })).toBe(80);
    });

    it('needs the minimum history', () => {
      expect(pointsOf('amount_anomaly', { order: { amount: 3_000_00n }, features: noP90(19) })).toBe(0);
      expect(pointsOf('amount_anomaly', { order: { amount: 3_000_00n }, features: noP90(20) })).toBe(80);
    });

    it('does not apply to an empty history', () => {
      const empty = { merchantHistory: { orders: 0, medianAmount: null, p90Amount: null } };
      expect(pointsOf('amount_anomaly', { order: { amount: MAX_AMOUNT_MINOR }, features: empty })).toBe(0);
    });

    it('compares exactly at the largest amounts', () => {
      const history = { merchantHistory: { orders: 50, medianAmount: MAX_AMOUNT_MINOR / 5n, p90Amount: null } };
      expect(pointsOf('amount_anomaly', { order: { amount: MAX_AMOUNT_MINOR }, features: history })).toBe(40);
      expect(pointsOf('amount_anomaly', { order: { amount: MAX_AMOUNT_MINOR - 1n }, features: history })).toBe(0);
    });

    it('states the amount as a multiple of the median', () => {
      const [found] = scoreOrder(input({ order: { amount: 2_430_00n } }), CONFIG).findings;
      expect(found.reason).toBe(
        "amount 2430.00 CNY is 24.3x the merchant's median 100.00 CNY (200 orders, p90 150.00 CNY; threshold 5.0x the median or 3.0x the p90)",
      );
      expect(found.evidence).toMatchObject({ amount: '243000', medianAmount: '10000', p90Amount: '15000' });
    });
  });

  describe('new merchant with high volume (within 7 days, 3 orders, 10,000 CNY .. 50,000 CNY)', () => {
    const young = (volumeBefore: bigint, ordersBefore = 9, firstSeenAt: number | null = T0 - 2 * DAY_MS) => ({
      merchantFirstSeenAt: firstSeenAt,
      merchantOrdersSinceFirstSeen: ordersBefore,
      merchantVolumeSinceFirstSeen: volumeBefore,
      merchantHistory: { orders: ordersBefore, medianAmount: null, p90Amount: null },
    });

    it.each([
      [9_900_00n - 1n, 0],
      [9_900_00n, 40],
      [9_900_00n + 1n, 41],
      [29_900_00n, 60],
      [49_900_00n, 80],
      [90_000_00n, 80],
    ])('volume %s before a 100.00 CNY order gives %i points', (volumeBefore, points) => {
      expect(pointsOf('new_merchant_high_volume', { features: young(volumeBefore) })).toBe(points);
    });

    it('counts only the first days', () => {
      const at = (firstSeenAt: number) => pointsOf('new_merchant_high_volume', { features: young(49_900_00n, 9, firstSeenAt) });
      expect(at(T0 - 7 * DAY_MS + 1)).toBe(80);
      expect(at(T0 - 7 * DAY_MS)).toBe(0);
    });

    it('needs several orders, this one included', () => {
      expect(pointsOf('new_merchant_high_volume', { order: { amount: 60_000_00n }, features: young(0n, 1) })).toBe(0);
      expect(pointsOf('new_merchant_high_volume', { order: { amount: 60_000_00n }, features: young(0n, 2) })).toBe(80);
    });

    it("treats a merchant's first order as its first sight", () => {
      const config = withConfig({ newMerchantVolume: { ...CONFIG.newMerchantVolume, minOrders: 1 } });
      const first = input({ order: { amount: 60_000_00n }, features: young(0n, 0, null) });
      const [found] = scoreOrder(first, config).findings;
      expect(found).toMatchObject({ rule: 'new_merchant_high_volume', points: 80, evidence: { merchantAgeMs: 0, ordersSinceFirstSeen: 1 } });
      expect(found.reason).toBe('merchant M1, first seen 0 min ago, has taken 1 order for 60000.00 CNY (threshold 10000.00 CNY within 7 d)');
    });

    it("uses the order currency's own thresholds", () => {
      const yen = (amount: bigint) => pointsOf('new_merchant_high_volume', { order: { amount, currency: 'JPY' }, features: young(0n) });
      expect(yen(199_999n)).toBe(0);
      expect(yen(200_000n)).toBe(40);
    });
  });

  describe('shipping region mismatch', () => {
    it.each([
      ['CN-FJ', 'CN-GD', 40],
      ['CN-GD', 'CN-GD', 0],
      ['CN-FJ', null, 0],
      [undefined, 'CN-GD', 0],
    ] as const)('shipping to %s, usually %s: %i points', (shippingRegion, buyerUsualRegion, points) => {
      expect(pointsOf('shipping_region_mismatch', { order: { shippingRegion }, features: { buyerUsualRegion } })).toBe(points);
    });
  });

  describe('repeat disputer (threshold 2, full weight at 4)', () => {
    it.each([
      [1, 0, 0],
      [2, 0, 40],
      [3, 0, 60],
      [4, 0, 80],
      [9, 0, 80],
      [3, 2, 0],
      [4, 2, 40],
      [1, 5, 0],
    ])('%i opened, %i lost by the merchant: %i points', (opened, lostByMerchant, points) => {
      expect(pointsOf('repeat_disputer', { features: { buyerDisputes: { opened, lostByMerchant } } })).toBe(points);
    });
  });
});

describe('allow and block lists', () => {
  const orderValues: Record<ListEntityType, string> = { buyer: 'B1', merchant: 'M1', device: 'dev-1', address: ADDRESS };

  it.each(LIST_ENTITY_TYPES)('a %s on the block list refuses the order with the entry', (entityType) => {
    const blocked = entry(entityType, orderValues[entityType]);
    const result = scoreOrder(input({ lists: { block: [blocked] } }), CONFIG);
    expect(result).toMatchObject({ decision: 'refuse', blockedBy: blocked, score: 100, level: 'highest' });
    expect(result.findings).toEqual([
      {
        rule: 'block_list',
        points: 100,
        reason: `${entityType} ${orderValues[entityType]} is on the block list: test ${entityType}`,
        evidence: { entityType, value: orderValues[entityType], reason: `test ${entityType}`, expiresAt: null },
      },
    ]);
  });

  it('ignores entries that expired by the time the order was paid', () => {
    const decision = (expiresAt: number) => scoreOrder(input({ lists: { block: [entry('buyer', 'B1', expiresAt)] } }), CONFIG).decision;
    expect(decision(T0 - 1)).toBe('pass');
    expect(decision(T0)).toBe('pass');
    expect(decision(T0 + 1)).toBe('refuse');
  });

  it('matches ids exactly', () => {
    expect(scoreOrder(input({ lists: { block: [entry('buyer', 'b1'), entry('device', 'dev-1 ')] } }), CONFIG).decision).toBe('pass');
  });

  it('matches addresses after NFKC, case folding and collapsing whitespace', () => {
    const spelledOtherwise = '\u3000广东省深圳市南山区　科技园路１号 ';
    const blocked = entry('address', spelledOtherwise);
    const shipped = { order: { shippingAddress: '广东省深圳市南山区 科技园路1号' } };
    expect(scoreOrder(input({ ...shipped, lists: { block: [blocked] } }), CONFIG).blockedBy).toBe(blocked);
    expect(normaliseAddress('  Flat 3,\t12  STRAẞE\nＲＯＡＤ ')).toBe('flat 3, 12 strasse road');
    expect(normaliseAddress('ΟΔΟΣ')).toBe(normaliseAddress('οδος'));
  });

  it('never matches a missing device or address', () => {
    const lists = { block: [entry('device', ''), entry('address', '  ')] };
    expect(scoreOrder(input({ order: { deviceId: undefined, shippingAddress: undefined }, lists }), CONFIG).decision).toBe('pass');
  });

  it('reports the most specific blocked entity first', () => {
    const device = entry('device', 'dev-1');
    const result = scoreOrder(input({ lists: { block: [entry('address', ADDRESS), device] } }), CONFIG);
    expect(result.blockedBy).toBe(device);
  });

  it('an allow-listed buyer or device is capped below elevated', () => {
    const risky = { features: { buyerOrdersInWindow: 20 }, order: { shippingRegion: 'CN-FJ' } };
    for (const allowed of [entry('buyer', 'B1'), entry('device', 'dev-1')]) {
      const result = scoreOrder(input({ ...risky, lists: { allow: [allowed] } }), CONFIG);
      expect(result).toMatchObject({ score: 64, rulesScore: 100, level: 'normal', decision: 'pass', allowedBy: allowed });
    }
  });

  it('leaves a low score alone and ignores allow entries of other kinds and expired ones', () => {
    const lowScore = scoreOrder(input({ order: { shippingRegion: 'CN-FJ' }, lists: { allow: [entry('buyer', 'B1')] } }), CONFIG);
    expect(lowScore.score).toBe(40);
    const lists = { allow: [entry('merchant', 'M1'), entry('address', ADDRESS), entry('buyer', 'B1', T0)] };
    expect(scoreOrder(input({ features: { buyerOrdersInWindow: 20 }, lists }), CONFIG)).toMatchObject({ score: 80, allowedBy: null });
  });

  it('caps below the highest level when so configured', () => {
    const config = withConfig({ allowList: { ...CONFIG.allowList, capBelow: 'highest' } });
    const result = scoreOrder(input({ features: { buyerOrdersInWindow: 20 }, lists: { allow: [entry('buyer', 'B1')] } }), config);
    expect(result).toMatchObject({ score: 74, level: 'elevated', decision: 'hold' });
  });

  it('a block overrides an allow', () => {
    const lists = { allow: [entry('buyer', 'B1')], block: [entry('buyer', 'B1')] };
    const result = scoreOrder(input({ lists }), CONFIG);
    expect(result).toMatchObject({ decision: 'refuse', score: 100, level: 'highest' });
    expect(result.allowedBy).toEqual(entry('buyer', 'B1'));
  });
});

describe('score, levels and decision', () => {
  it('sums the findings in rule order and caps the score at 100', () => {
    const result = scoreOrder(
      input({ order: { shippingRegion: 'CN-FJ' }, features: { buyerOrdersInWindow: 7, buyerDisputes: { opened: 2 } } }),
      CONFIG,
    );
    expect(result.findings.map((f) => [f.rule, f.points])).toEqual([
      ['buyer_velocity', 70],
      ['shipping_region_mismatch', 40],
      ['repeat_disputer', 40],
    ]);
    expect(result).toMatchObject({ score: 100, rulesScore: 100, level: 'highest', decision: 'hold' });
  });

  it('two rules at their thresholds together hold the order', () => {
    const result = scoreOrder(input({ order: { shippingRegion: 'CN-FJ' }, features: { buyerDisputes: { opened: 2 } } }), CONFIG);
    expect(result).toMatchObject({ score: 80, decision: 'hold' });
  });

  it.each([
    [0, 'normal'],
    [64, 'normal'],
    [65, 'elevated'],
    [74, 'elevated'],
    [75, 'highest'],
    [100, 'highest'],
  ] as const)('riskLevel(%i) is %s', (score, level) => {
    expect(riskLevel(score, CONFIG)).toBe(level);
  });

  it.each([
    [64, 'normal', 'pass'],
    [65, 'elevated', 'hold'],
    [74, 'elevated', 'hold'],
    [75, 'highest', 'hold'],
  ] as const)('an order scoring %i is %s and decided %s', (weight, level, decision) => {
    const config = withConfig({ shippingRegionMismatch: { weight } });
    expect(scoreOrder(input({ order: { shippingRegion: 'CN-FJ' } }), config)).toMatchObject({ score: weight, level, decision });
  });

  it('follows edited level thresholds', () => {
    const config = withConfig({ levels: { elevatedAt: 40, highestAt: 90 } });
    expect(scoreOrder(input({ order: { shippingRegion: 'CN-FJ' } }), config)).toMatchObject({ level: 'elevated', decision: 'hold' });
    expect(riskLevel(89, config)).toBe('elevated');
  });

  it('is deterministic and leaves its input untouched', () => {
    const risky = input({
      order: { amount: 3_000_00n, shippingRegion: 'CN-FJ' },
      features: { buyerOrdersInWindow: 5 },
      lists: { allow: [entry('device', 'dev-1')], block: [entry('merchant', 'M2')] },
    });
    const copy = structuredClone(risky);
    const first = scoreOrder(risky, CONFIG);
    expect(scoreOrder(risky, CONFIG)).toEqual(first);
    expect(scoreOrder(copy, CONFIG)).toEqual(first);
    expect(risky).toEqual(copy);
  });
});

describe('properties', () => {
  const REGIONS = ['CN-GD', 'CN-ZJ', 'CN-FJ'];
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

  const orderArb: fc.Arbitrary<RiskOrder> = fc.record({
    orderId: fc.constant('O1'),
    buyerId: fc.constantFrom('B1', 'B2'),
    merchantId: fc.constantFrom('M1', 'M2'),
    amount: fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }),
    currency: fc.constantFrom(...CURRENCIES),
    paidAt: fc.integer({ min: T0, max: T0 + DAY_MS }),
    shippingRegion: optional(fc.constantFrom(...REGIONS)),
    deviceId: optional(fc.constantFrom('dev-1', 'dev-2')),
    shippingAddress: optional(fc.constantFrom(ADDRESS, 'Flat 3, 12 Road')),
  });
  const featuresArb: fc.Arbitrary<RiskFeatures> = fc.record({
    buyerOrdersInWindow: fc.nat(40),
    merchantHistory: fc.record({
      orders: fc.nat(100),
      medianAmount: nullable(fc.bigInt({ min: 1n, max: 10n ** 9n })),
      p90Amount: nullable(fc.bigInt({ min: 1n, max: 10n ** 9n })),
    }),
    merchantFirstSeenAt: nullable(fc.integer({ min: T0 - 30 * DAY_MS, max: T0 })),
    merchantOrdersSinceFirstSeen: fc.nat(200),
    merchantVolumeSinceFirstSeen: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    buyerUsualRegion: nullable(fc.constantFrom(...REGIONS)),
    buyerDisputes: fc.record({ opened: fc.nat(10), lostByMerchant: optional(fc.nat(10)) }),
  });
  const entryArb: fc.Arbitrary<ListEntry> = fc.record({
    entityType: fc.constantFrom(...LIST_ENTITY_TYPES),
    value: fc.constantFrom('B1', 'M1', 'dev-1', ADDRESS, 'flat 3, 12 road'),
    reason: fc.constant('property'),
    expiresAt: nullable(fc.integer({ min: T0, max: T0 + 2 * DAY_MS })),
  });
  const inputArb: fc.Arbitrary<RiskInput> = fc.record({
    order: orderArb,
    features: featuresArb,
    lists: fc.record({ block: fc.array(entryArb, { maxLength: 3 }), allow: fc.array(entryArb, { maxLength: 3 }) }),
  });

  it('the score is a whole number within 0..100 that agrees with the level', () => {
    fc.assert(
      fc.property(inputArb, (risk) => {
        const result = scoreOrder(risk, CONFIG);
        expect(Number.isInteger(result.score) && result.score >= 0 && result.score <= 100).toBe(true);
        expect(result.score).toBeLessThanOrEqual(result.rulesScore);
        expect(result.level).toBe(riskLevel(result.score, CONFIG));
      }),
      fcOptions(),
    );
  });

  it('more orders by the buyer in the window never lower the score', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(30), (risk, more) => {
        const busier = { ...risk, features: { ...risk.features, buyerOrdersInWindow: risk.features.buyerOrdersInWindow + more } };
        expect(scoreOrder(busier, CONFIG).score).toBeGreaterThanOrEqual(scoreOrder(risk, CONFIG).score);
      }),
      fcOptions(),
    );
  });

  it('a block-list match always refuses', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (risk, pick) => {
        const { buyerId, merchantId, deviceId, shippingAddress } = risk.order;
        const present = (Object.entries({ buyer: buyerId, merchant: merchantId, device: deviceId, address: shippingAddress }) as Array<
          [ListEntityType, string | undefined]
        >).flatMap(([entityType, value]) => (value === undefined ? [] : [entry(entityType, value)]));
        const blocked = { ...risk, lists: { ...risk.lists, block: [...risk.lists.block, present[pick % present.length]] } };
        const result = scoreOrder(blocked, CONFIG);
        expect(result.decision).toBe('refuse');
        expect(result.blockedBy).not.toBeNull();
      }),
      fcOptions(),
    );
  });
});

describe('backtest', () => {
  const bad = { disputed: true, fraudRefunded: false };
  const fraud = { disputed: false, fraudRefunded: true };
  const good = { disputed: false, fraudRefunded: false };
  const paidAt = (minute: number) => ({ paidAt: T0 + minute * 60_000 });

  // Rule points under the default config are in the comments.
  const history: BacktestEntry[] = [
    { input: input({ order: paidAt(0) }), outcome: good }, // 0: pass
    { input: input({ order: paidAt(1) }), outcome: bad }, // 0: pass, a dispute nothing foresaw
    { input: input({ order: paidAt(2), features: { buyerOrdersInWindow: 8 } }), outcome: bad }, // velocity 80: highest
    { input: input({ order: paidAt(3), features: { buyerOrdersInWindow: 8 } }), outcome: good }, // velocity 80: highest
    { input: input({ order: paidAt(4), features: { buyerOrdersInWindow: 7 } }), outcome: good }, // velocity 70: elevated
    { input: input({ order: paidAt(5), features: { buyerOrdersInWindow: 4 } }), outcome: good }, // velocity 40: pass
    { input: input({ order: { ...paidAt(6), shippingRegion: 'CN-FJ' }, features: { buyerDisputes: { opened: 2 } } }), outcome: fraud }, // 40 + 40
    { input: input({ order: { ...paidAt(7), shippingRegion: 'CN-FJ' } }), outcome: good }, // region 40: pass
    { input: input({ order: paidAt(8), lists: { block: [entry('device', 'dev-1')] } }), outcome: bad }, // refused
    { input: input({ order: paidAt(9), features: { buyerOrdersInWindow: 8 }, lists: { allow: [entry('buyer', 'B1')] } }), outcome: good }, // 80 capped to 64
  ];

  it('reports each rule with its precision, and the totals per level and decision', () => {
    const report = backtest(history, CONFIG);
    expect(report.period).toEqual({ from: T0, to: T0 + 9 * 60_000 });
    expect(report.total).toEqual({ orders: 10, laterDisputedOrFraud: 4 });
    expect(report.rules).toEqual({
      buyer_velocity: { fired: 5, flagged: 3, laterDisputedOrFraud: 1, precision: { numerator: 1, denominator: 3 } },
      amount_anomaly: { fired: 0, flagged: 0, laterDisputedOrFraud: 0, precision: { numerator: 0, denominator: 0 } },
      new_merchant_high_volume: { fired: 0, flagged: 0, laterDisputedOrFraud: 0, precision: { numerator: 0, denominator: 0 } },
      shipping_region_mismatch: { fired: 2, flagged: 1, laterDisputedOrFraud: 1, precision: { numerator: 1, denominator: 1 } },
      repeat_disputer: { fired: 1, flagged: 1, laterDisputedOrFraud: 1, precision: { numerator: 1, denominator: 1 } },
      block_list: { fired: 1, flagged: 1, laterDisputedOrFraud: 1, precision: { numerator: 1, denominator: 1 } },
    });
    expect(report.levels).toEqual({
      normal: { orders: 5, laterDisputedOrFraud: 1 },
      elevated: { orders: 1, laterDisputedOrFraud: 0 },
      highest: { orders: 4, laterDisputedOrFraud: 3 },
    });
    expect(report.decisions).toEqual({
      pass: { orders: 5, laterDisputedOrFraud: 1 },
      hold: { orders: 4, laterDisputedOrFraud: 2 },
      refuse: { orders: 1, laterDisputedOrFraud: 1 },
    });
    expect(report.allowListLowered).toBe(1);
    expect(basisPoints(report.rules.buyer_velocity.precision)).toBe(3333);
    expect(basisPoints(report.rules.amount_anomaly.precision)).toBeNull();
  });

  it('shows what edited thresholds would have done', () => {
    const stricter = withConfig({ buyerVelocity: { threshold: 9, fullAt: 12, weight: 80 } });
    const report = backtest(history, stricter);
    expect(report.rules.buyer_velocity).toEqual({ fired: 3, flagged: 0, laterDisputedOrFraud: 0, precision: { numerator: 0, denominator: 0 } });
    expect(report.levels.normal).toEqual({ orders: 8, laterDisputedOrFraud: 2 });
  });

  it('reports an empty history and refuses one out of payment order', () => {
    expect(backtest([], CONFIG)).toMatchObject({ period: null, total: { orders: 0, laterDisputedOrFraud: 0 } });
    expect(() => backtest([history[1], history[0]], CONFIG)).toThrow(RangeError);
  });
});
