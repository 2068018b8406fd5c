/**
 * A modal confirmation for destructive or irreversible actions: says what will happen, may hold
 * a form (a required note), and confirms only on an explicit click. Escape or Cancel closes it;
 * focus moves into the dialog, stays there while it is open and returns where it was.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { FOCUSABLE, trapTab } from './focus-trap.js';
import { Button } from './ui.js';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  testId?: string;
}


export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel, tone = 'danger', busy = false, testId = 'confirm-dialog' }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select') ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => previous?.focus?.();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel.current();
      return;
    }
    trapTab(event, ref.current);
  }

  return (
    <div className="dialog-backdrop">
      <div ref={ref} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <Button onClick={onCancel} data-testid="confirm-cancel">
            {cancelLabel}
          </Button>
          <Button variant={tone} onClick={onConfirm} disabled={busy} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
