import type { RiskRule } from '../types.js';

/** A parcel going somewhere the buyer never ships to: a taken-over account sending goods to a drop. */
export const shippingRegionMismatch: RiskRule = ({ order, features }, config) => {
  const usual = features.buyerUsualRegion;
  const shipping = order.shippingRegion;
  const points = config.shippingRegionMismatch.weight;
  if (!usual || !shipping || shipping === usual || points <= 0) return null;
  return {
    rule: 'shipping_region_mismatch',
    points,
    reason: `ships to ${shipping}; buyer ${order.buyerId} usually ships to ${usual}`,
    evidence: { shippingRegion: shipping, usualRegion: usual },
  };
};
