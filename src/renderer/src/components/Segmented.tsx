/**
 * A row of toggle buttons choosing one of a few values (a status filter, a schedule). Each is
 * a real button with aria-pressed, so the choice is announced and not shown by colour alone.
 */
export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

export function Segmented<T extends string>({ label, options, value, onChange, testId }: { label: string; options: readonly SegmentedOption<T>[]; value: NoInfer<T>; onChange(value: NoInfer<T>): void; testId?: string }) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button key={option.value} type="button" className="segmented-option" aria-pressed={option.value === value} data-value={option.value} onClick={() => onChange(option.value)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}
