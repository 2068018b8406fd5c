/**
 * A valid merchant application (a company with a valid USCC, a bank card and the three required
 * documents), for onboarding tests; `overrides` replace any field.
 */
import type { MerchantApplication } from '../../src/core/kyb/application.js';
import { buildUscc } from '../../src/sim/identifiers.js';

export function merchantApplication(applicationId: string, merchantId: string, overrides: Partial<MerchantApplication> = {}): MerchantApplication {
  return {
    applicationId,
    merchantId,
    legalName: 'Hangzhou Bright Lamp Trading Co., Ltd.',
    entityType: 'company',
    segment: 'b2c',
    uscc: buildUscc({ authority: '9', kind: '1', division: '330100', orgBody: 'MA2CDE34' }),
    legalRepresentative: '王晓明',
    bankAccount: { kind: 'card', number: '6222021234567890128' },
    category: 'home_lighting',
    expectedMonthlyVolume: 200_000_00n,
    currency: 'CNY',
    documents: ['business_licence', 'legal_rep_id_front', 'legal_rep_id_back'].map((name, i) => ({ name: `${name}.pdf`, sha256: String(i).repeat(64), size: 1000, mime: 'application/pdf' as const })),
    ...overrides,
  };
}
