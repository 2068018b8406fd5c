import type { ScreenProps } from '../../app/screens.js';
import { PageHeader } from '../../components/ui.js';

// Placeholder: the screen is being built.
export function OverviewScreen(_props: ScreenProps) {
  return <PageHeader title="overview" />;
}
