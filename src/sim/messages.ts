/**
 * What buyers write when they open a dispute or ask for a refund: per reason, in Chinese and
 * English as the marketplace's buyers do, with the tracking number or elapsed days filled in.
 * And the covering notes parties write when they send files for an open dispute.
 */
import type { DisputeReason } from '../shared/escrow/order.js';
import type { Random } from './random.js';

const MESSAGES: Record<DisputeReason, readonly string[]> = {
  item_not_received: [
    '快递显示已签收，但我根本没有收到包裹，请核实一下。',
    '物流{days}天没有更新了，联系卖家也不回消息。',
    'Tracking {tracking} has not moved for {days} days. Where is my parcel?',
    'The courier marked it delivered but nobody at home signed for it.',
    '运单号{tracking}查不到任何信息，怀疑卖家虚假发货。',
  ],
  not_as_described: [
    '收到的颜色和图片完全不一样，尺码也偏小两号。',
    '描述写的是纯棉，实际是化纤面料，要求退款。',
    'The listing says 256GB but the phone I received is 128GB.',
    'Wrong model delivered, and the seller refuses to exchange it.',
  ],
  damaged: [
    '外包装破损，里面的杯子碎了两个，已拍照。',
    'Screen arrived cracked. Photos of the box and the device attached.',
    '收到时箱子被压扁了，商品有明显凹痕。',
  ],
  counterfeit: [
    '怀疑是假货，官网查询防伪码显示无效。',
    "The serial number is not recognised by the brand's website. This is a fake.",
    '做工和专柜差别很大，logo都是歪的，申请退款。',
  ],
  unauthorized: [
    '这笔订单不是我本人下的，账户可能被盗了。',
    'I did not place this order. Someone used my account.',
    '我的支付账户有一笔陌生交易，请冻结处理。',
  ],
  duplicate_charge: [
    '同一个订单被扣了两次款，请退回多扣的钱。',
    'I was charged twice for the same order.',
  ],
  other: [
    '拍错了，还没发货，请帮忙退款。',
    'Changed my mind before shipping, please cancel and refund.',
    '卖家说缺货，让我申请退款。',
    '地址填错了，卖家无法修改，只能退款重拍。',
  ],
};

export function buyerMessage(random: Random, reason: DisputeReason, context: { trackingNo?: string; days: number }): string {
  const candidates = context.trackingNo ? MESSAGES[reason] : MESSAGES[reason].filter((m) => !m.includes('{tracking}'));
  return random
    .pick(candidates)
    .replace('{tracking}', context.trackingNo ?? '')
    .replace('{days}', String(Math.max(1, context.days)));
}

/** Why a party sends files after the dispute opened: the buyer's photos, the merchant's proof of delivery. */
export type EvidenceKind = 'damaged' | 'not_as_described' | 'counterfeit' | 'delivery_receipt';

const EVIDENCE_MESSAGES: Record<EvidenceKind, readonly string[]> = {
  damaged: [
    '补充照片：外箱破损的位置和商品上的裂痕都拍下来了。',
    'Photos of the crushed box and the crack, as promised.',
    '开箱就是这样，照片请客服看一下。',
  ],
  not_as_described: [
    '附上收到的实物照片，和商品页的图片对比一下就知道了。',
    'Here is what I received. Compare it with the listing photos.',
    '实物颜色和描述不符，照片见附件。',
  ],
  counterfeit: [
    '附上防伪标签和序列号的照片，官网查不到。',
    'Photos of the label and the serial number attached.',
    '做工细节的照片在附件里，和正品差别很明显。',
  ],
  delivery_receipt: [
    '运单{tracking}已于{date}签收，签收回执见附件。',
    'Tracking {tracking} was delivered on {date}. The courier\'s delivery receipt is attached.',
    '我们已按时发货，附上快递公司的签收证明（运单号{tracking}）。',
  ],
};

/** A party's covering note for the files it sends (the merchant's names the tracking number and delivery date). */
export function evidenceMessage(random: Random, kind: EvidenceKind, context: { trackingNo?: string; date?: string } = {}): string {
  return random
    .pick(EVIDENCE_MESSAGES[kind])
    .replace('{tracking}', context.trackingNo ?? '')
    .replace('{date}', context.date ?? '');
}
