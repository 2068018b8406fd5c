/**
 * The small inline form of an action that needs a reason (cancel a payout, reopen a day,
 * suspend a merchant): a labelled text field, confirm and back. The reason is trimmed and
 * required; the caller's submit answers an error message or null.
 */
import { useId, useState, type FormEvent } from 'react';
import { Button } from './ui.js';

export interface ReasonFormLabels {
  reason: string;
  submit: string;
  cancel: string;
  required: string;
}

export function ReasonForm({
  labels,
  onSubmit,
  onCancel,
  maxLength = 200,
  variant = 'primary',
  testId,
}: {
  labels: ReasonFormLabels;
  onSubmit(reason: string): Promise<void> | void;
  onCancel(): void;
  maxLength?: number;
  variant?: 'primary' | 'danger';
  testId?: string;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      <label htmlFor={id}>{labels.reason}</label>
      <input
        id={id}
        value={reason}
        maxLength={maxLength}
        required
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
        data-testid={testId ? `${testId}-reason` : undefined}
      />
      {missing && (
        <small id={`${id}-error`} role="alert" className="field-message">
          {labels.required}
        </small>
      )}
      <div className="reason-form-actions">
        <Button variant={variant} type="submit" disabled={busy} data-testid={testId ? `${testId}-submit` : undefined}>
          {labels.submit}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          {labels.cancel}
        </Button>
      </div>
    </form>
  );
}
