import type { ScreenProps } from '../../app/screens.js';
import { PageHeader } from '../../components/ui.js';

// Placeholder: the screen is being built.
export function SyncScreen(_props: ScreenProps) {
  return <PageHeader title="sync" />;
}
