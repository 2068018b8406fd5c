import type { ScreenProps } from '../../app/screens.js';
import { PageHeader } from '../../components/ui.js';

// Placeholder: the screen is being built.
export function MerchantsScreen(_props: ScreenProps) {
  return <PageHeader title="merchants" />;
}
