/**
 * The documents an applicant uploads, by entity type, and when each is due. Chinese acquirers ask
 * a company for its business licence (营业执照) and the legal representative's resident ID card
 * (both sides), an individual for their own ID card; proof of the settlement account (a company's
 * account opening permit 开户许可证, an individual's bank card) is asked for once the expected
 * volume calls for enhanced due diligence.
 *
 * An uploaded document carries no kind (documentRefSchema has name, hash, size, type), so its
 * kind is read from the file name: "business_licence.pdf" is a business licence.
 */
import type { Currency } from '../../shared/money.js';
import type { MerchantApplication } from './application.js';

export interface DocumentRequirement {
  /** The file-name stem that identifies the document, e.g. business_licence. */
  kind: string;
  label: string;
  /** onboarding: due with the application; enhanced: due once the volume reaches the threshold. */
  due: 'onboarding' | 'enhanced';
}

export const REQUIRED_DOCUMENTS: Readonly<Record<MerchantApplication['entityType'], readonly DocumentRequirement[]>> = {
  company: [
    { kind: 'business_licence', label: 'business licence (营业执照)', due: 'onboarding' },
    { kind: 'legal_rep_id_front', label: "legal representative's ID card, front (法定代表人身份证人像面)", due: 'onboarding' },
    { kind: 'legal_rep_id_back', label: "legal representative's ID card, back (法定代表人身份证国徽面)", due: 'onboarding' },
    { kind: 'bank_account_permit', label: 'account opening permit (开户许可证)', due: 'enhanced' },
  ],
  individual: [
    { kind: 'id_card_front', label: 'ID card, front (身份证人像面)', due: 'onboarding' },
    { kind: 'id_card_back', label: 'ID card, back (身份证国徽面)', due: 'onboarding' },
    { kind: 'bank_card', label: 'bank card (银行卡)', due: 'enhanced' },
  ],
};

/**
 * Expected monthly volume, in minor units, from which enhanced due diligence applies: about
 * CNY 1,000,000 a month, rounded in each currency. Fixed per currency on purpose: a merchant's
 * requirements must not change with the exchange rate.
 */
export const ENHANCED_DUE_DILIGENCE_VOLUME: Readonly<Record<Currency, bigint>> = {
  CNY: 100_000_000n, // 1,000,000.00
  USD: 15_000_000n, // 150,000.00
  EUR: 13_000_000n, // 130,000.00
  GBP: 11_000_000n, // 110,000.00
  HKD: 110_000_000n, // 1,100,000.00
  SGD: 19_000_000n, // 190,000.00
  JPY: 20_000_000n, // 20,000,000
  KRW: 190_000_000n, // 190,000,000
  KWD: 43_000_000n, // 43,000.000
  BHD: 53_000_000n, // 53,000.000
};

export function needsEnhancedDueDiligence(app: MerchantApplication): boolean {
  return app.expectedMonthlyVolume >= ENHANCED_DUE_DILIGENCE_VOLUME[app.currency];
}

/** The kinds of the uploaded documents: file names without extension, lower-cased. */
export function uploadedKinds(app: MerchantApplication): Set<string> {
  return new Set(app.documents.map((document) => document.name.toLowerCase().replace(/\.[^.]*$/, '')));
}
