/** Staff roles (DESIGN §6). Permissions per role live with the API contract. */
export const ROLES = ['agent', 'risk', 'onboarding', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
