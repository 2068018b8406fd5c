/** A labelled progress bar; without a total it is indeterminate (still announced by its label). */
import { useId } from 'react';

export function ProgressBar({ label, value, max, text, testId }: { label: string; value: number; max: number | null; text?: string; testId?: string }) {
  const id = useId();
  const known = max !== null && max > 0;
  return (
    <div className="progress" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      {known ? <progress id={id} value={Math.min(value, max)} max={max} /> : <progress id={id} />}
      {text && (
        <span className="progress-text" aria-live="polite">
          {text}
        </span>
      )}
    </div>
  );
}
