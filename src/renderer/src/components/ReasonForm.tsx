/**
 * The small inline form of an action that needs a reason (cancel a payout, reopen a day,
 * suspend a merchant): a labelled text field, confirm and back. The reason is trimmed and
 * required; the caller's submit answers an error message or null.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from './ui.js';

/**
 * A required reason field's state, for forms that lay it out their own way: the input's props
 * (value, change, aria marks pointing at `errorId`), whether it was left empty, and `take`,
 * the trimmed reason or null (marking the field) when there is none.
 */
export function useReasonField(errorId: string) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  function take(): string | null {
    const text = reason.trim();
    if (!text) {
      setMissing(true);
      return null;
    }
    return text;
  }
  const inputProps = {
    value: reason,
    'aria-invalid': missing || undefined,
    'aria-describedby': missing ? errorId : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setReason(e.target.value);
      setMissing(false);
    },
  };
  return { missing, take, inputProps };
}

/** The message of a required reason left empty (shown once the form was submitted without one). */
export function ReasonMissing({ id, missing, children }: { id: string; missing: boolean; children: string }) {
  if (!missing) return null;
  return (
    <small id={id} role="alert" className="field-message">
      {children}
    </small>
  );
}

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
  const field = useReasonField(`${id}-error`);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = field.take();
    if (text === null) return;
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
      <input id={id} {...field.inputProps} maxLength={maxLength} required data-testid={testId ? `${testId}-reason` : undefined} />
      <ReasonMissing id={`${id}-error`} missing={field.missing}>
        {labels.required}
      </ReasonMissing>
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
