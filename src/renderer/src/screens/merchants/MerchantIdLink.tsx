/** A merchant id, linked to the merchant's profile once its application is approved (before that there is no profile to open). */
import type { ApplicationStatus } from '../../../../shared/escrow/merchant.js';
import { href } from '../../router.js';

export function MerchantIdLink({ merchantId, status }: { merchantId: string; status: ApplicationStatus }) {
  return status === 'approved' ? <a href={href('merchants', merchantId)}>{merchantId}</a> : <>{merchantId}</>;
}
