import { describe, expect, it } from 'vitest';
import type { MerchantApplication } from '../../src/core/kyb/application.js';
import { screenName, type ScreeningEntry } from '../../src/core/kyb/name-screening.js';
import { checkApplication, computeRequirements } from '../../src/core/kyb/requirements.js';
import { merchantApplicationSchema } from '../../src/shared/escrow/records.js';

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
const DEADLINE = Date.UTC(2026, 2, 16, 0, 0, 0);

const doc = (name: string, mime: 'application/pdf' | 'image/jpeg' | 'image/png' = 'application/pdf') => ({
  name,
  mime,
  sha256: 'a'.repeat(64),
  size: 120_000,
});

const COMPANY_DOCUMENTS = [doc('business_licence.pdf'), doc('legal_rep_id_front.jpg', 'image/jpeg'), doc('legal_rep_id_back.jpg', 'image/jpeg'), doc('bank_account_permit.pdf')];
const INDIVIDUAL_DOCUMENTS = [doc('id_card_front.jpg', 'image/jpeg'), doc('id_card_back.jpg', 'image/jpeg')];

/** Applications go through the event schema, as they arrive from the marketplace. */
function application(overrides: Record<string, unknown> = {}): MerchantApplication {
  return merchantApplicationSchema.parse({
    applicationId: 'A-0001',
    merchantId: 'M-0001',
    legalName: '中国石油化工股份有限公司',
    entityType: 'company',
    segment: 'b2c',
    uscc: '91110000710926094P',
    legalRepresentative: '张三',
    bankAccount: { kind: 'card', number: '6200 0000 0000 0005' },
    category: 'energy',
    expectedMonthlyVolume: '50000000', // CNY 500,000.00: below enhanced due diligence
    currency: 'CNY',
    documents: COMPANY_DOCUMENTS,
    ...overrides,
  });
}

const BLOCK_LIST: ScreeningEntry[] = [
  { id: 'BL-7', name: 'Wladimir Petrow Holdings Ltd' },
  { id: 'BL-9', name: '深圳市腾讯计算机系统有限公司' },
];

const NOTHING_DUE = { currently_due: [], eventually_due: [], past_due: [], pending_verification: [], errors: [], deadline: null };

const requirementsOf = (app: MerchantApplication, now = NOW, blockList = BLOCK_LIST) =>
  computeRequirements(app, { now, deadline: DEADLINE, screening: screenName(app.legalName, blockList) });

describe('checkApplication', () => {
  it('passes a complete company application, field by field', () => {
    expect(checkApplication(application(), { blockList: BLOCK_LIST, now: NOW })).toEqual([
      {
        field: 'legalName',
        status: 'ok',
        message: 'no block-list entry is close to this name (2 screened)',
        detail: { entryId: null, entryName: null, score: null, threshold: 85, entriesScreened: 2, truncated: false, screenedAt: NOW },
      },
      { field: 'uscc', status: 'ok', message: 'valid unified social credit code (GB 32100-2015)' },
      { field: 'bankAccount.number', status: 'ok', message: 'UnionPay card ending 0005', detail: { network: 'unionpay' } },
      { field: 'documents.business_licence', status: 'ok', message: 'business licence (营业执照) uploaded' },
      { field: 'documents.legal_rep_id_front', status: 'ok', message: "legal representative's ID card, front (法定代表人身份证人像面) uploaded" },
      { field: 'documents.legal_rep_id_back', status: 'ok', message: "legal representative's ID card, back (法定代表人身份证国徽面) uploaded" },
      { field: 'documents.bank_account_permit', status: 'ok', message: 'account opening permit (开户许可证) uploaded' },
    ]);
  });

  it('reports every USCC problem, and never shows the full card number', () => {
    const checks = checkApplication(application({ uscc: '01980000710926094P', bankAccount: { kind: 'card', number: '4242424242424241' } }), {
      blockList: BLOCK_LIST,
      now: NOW,
    });
    expect(checks.find((c) => c.field === 'uscc')).toMatchObject({
      status: 'failed',
      code: 'registration_authority',
      detail: { errors: ['registration_authority', 'division', 'check_digit'] },
    });
    const card = checks.find((c) => c.field === 'bankAccount.number');
    expect(card).toMatchObject({ status: 'failed', code: 'luhn', detail: { network: 'visa', errors: ['luhn'] } });
    expect(JSON.stringify(checks)).not.toContain('4242424242424241');
  });

  it('fails a block-list match and records when the screening ran', () => {
    const [name] = checkApplication(application({ legalName: 'Vladimir Petrov Holdings' }), { blockList: BLOCK_LIST, now: NOW });
    expect(name).toEqual({
      field: 'legalName',
      status: 'failed',
      code: 'block_list_match',
      message: 'matches block-list entry "Wladimir Petrow Holdings Ltd" (score 95, threshold 85): a reviewer must clear or reject it',
      detail: { entryId: 'BL-7', entryName: 'Wladimir Petrow Holdings Ltd', score: 95, threshold: 85, entriesScreened: 2, truncated: false, screenedAt: NOW },
    });
  });

  it('warns of a near miss', () => {
    const [name] = checkApplication(application({ legalName: '深圳市腾迅计算机系统有限公司' }), { blockList: BLOCK_LIST, now: NOW });
    expect(name).toMatchObject({ status: 'warning', code: 'block_list_near_match', detail: { entryId: 'BL-9', score: 78 } });
  });

  it('shows an IBAN by country, SEPA membership and last four characters', () => {
    const app = application({ segment: 'b2b', currency: 'EUR', expectedMonthlyVolume: '100000', bankAccount: { kind: 'iban', number: 'DE89 3704 0044 0532 0130 00' } });
    expect(checkApplication(app, { blockList: [], now: NOW }).find((c) => c.field === 'bankAccount.number')).toEqual({
      field: 'bankAccount.number',
      status: 'ok',
      message: 'DE IBAN ending 3000 (SEPA)',
      detail: { country: 'DE', sepa: true },
    });
  });

  it('warns when an individual gives a USCC, and does not ask one of them', () => {
    const individual = { entityType: 'individual', segment: 'c2c', documents: INDIVIDUAL_DOCUMENTS };
    const usccOf = (overrides: Record<string, unknown>) =>
      checkApplication(application({ ...individual, ...overrides }), { blockList: [], now: NOW }).find((c) => c.field === 'uscc');
    expect(usccOf({ uscc: undefined })).toEqual({ field: 'uscc', status: 'ok', message: 'not required for an individual' });
    expect(usccOf({ uscc: '92110114MA01EF6DXH' })).toMatchObject({ status: 'warning', code: 'not_expected' });
  });
});

describe('computeRequirements', () => {
  it('has nothing due for a complete application', () => {
    expect(requirementsOf(application())).toEqual(NOTHING_DUE);
  });

  it('lists absent and invalid fields as currently due, the invalid ones with their errors', () => {
    const app = application({ uscc: undefined, bankAccount: { kind: 'card', number: '4242424242424241' }, documents: COMPANY_DOCUMENTS.slice(1) });
    expect(requirementsOf(app)).toEqual({
      currently_due: ['uscc', 'bankAccount.number', 'documents.business_licence'],
      eventually_due: ['uscc', 'bankAccount.number', 'documents.business_licence'],
      past_due: [],
      pending_verification: [],
      errors: [
        {
          field: 'bankAccount.number',
          code: 'luhn',
          reason: 'the last digit does not match the Luhn check: a digit is mistyped or two are swapped',
        },
      ],
      deadline: DEADLINE,
    });
  });

  it('moves what is currently due to past due at the deadline', () => {
    const app = application({ uscc: '91110000710926094Q' });
    expect(requirementsOf(app, DEADLINE - 1)).toMatchObject({ currently_due: ['uscc'], past_due: [] });
    expect(requirementsOf(app, DEADLINE)).toMatchObject({ currently_due: ['uscc'], past_due: ['uscc'], errors: [{ field: 'uscc', code: 'check_digit' }] });
  });

  it('has no deadline when nothing is due, even after it', () => {
    expect(requirementsOf(application(), DEADLINE + 1)).toEqual(NOTHING_DUE);
  });

  it('asks for proof of the account eventually, and now once the expected volume reaches the threshold', () => {
    const individual = { entityType: 'individual', segment: 'c2c', uscc: undefined, documents: INDIVIDUAL_DOCUMENTS };
    expect(requirementsOf(application({ ...individual, expectedMonthlyVolume: '99999999' }))).toEqual({
      ...NOTHING_DUE,
      eventually_due: ['documents.bank_card'],
    });
    expect(requirementsOf(application({ ...individual, expectedMonthlyVolume: '100000000' }))).toMatchObject({
      currently_due: ['documents.bank_card'],
      eventually_due: ['documents.bank_card'],
      errors: [],
      deadline: DEADLINE,
    });
  });

  it('compares the volume threshold in the application currency', () => {
    const app = (volume: string) =>
      application({ currency: 'JPY', expectedMonthlyVolume: volume, documents: COMPANY_DOCUMENTS.slice(0, 3) });
    expect(requirementsOf(app('19999999')).currently_due).toEqual([]);
    expect(requirementsOf(app('20000000')).currently_due).toEqual(['documents.bank_account_permit']);
  });

  it('puts a block-list match, or an incomplete screening, under pending verification', () => {
    expect(requirementsOf(application({ legalName: 'Wladimir Petrow Holdings' }))).toEqual({ ...NOTHING_DUE, pending_verification: ['legalName'] });
    const screening = { ...screenName('Acme', []), truncated: true };
    expect(computeRequirements(application(), { now: NOW, deadline: DEADLINE, screening })).toEqual({ ...NOTHING_DUE, pending_verification: ['legalName'] });
  });

  it('reports an IBAN that fails MOD 97 as an error to collect again', () => {
    const app = application({ segment: 'b2b', currency: 'USD', bankAccount: { kind: 'iban', number: 'GB83 WEST 1234 5698 7654 32' } });
    expect(requirementsOf(app)).toMatchObject({ currently_due: ['bankAccount.number'], errors: [{ field: 'bankAccount.number', code: 'checksum' }] });
  });
});
