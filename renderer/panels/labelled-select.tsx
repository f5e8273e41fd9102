import type { ReactNode } from 'react';

/** One choice of a {@link LabelledSelect}. */
export interface SelectChoice<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly disabled?: boolean;
  readonly testId?: string;
}

/** Props of {@link LabelledSelect}. */
export interface LabelledSelectProps<V extends string> {
  readonly label: ReactNode;
  readonly value: V;
  readonly choices: readonly SelectChoice<V>[];
  readonly onChange: (value: V) => void;
  readonly testId?: string;
}

/**
 * A label with a drop-down list of choices, as the import and export dialogs ask them: the label's text
 * first, the list under it (transfer.css). A choice of the empty value ("请选择", "不导入") is one more
 * choice like the others.
 */
export function LabelledSelect<V extends string>(props: LabelledSelectProps<V>) {
  return (
    <label>
      {props.label}
      <select
        value={props.value}
        // The list holds only the choices' values, so the one picked is one of them.
        onChange={(event) => props.onChange(event.target.value as V)}
        {...(props.testId === undefined ? {} : { 'data-testid': props.testId })}
      >
        {props.choices.map((choice) => (
          <option
            key={choice.value}
            value={choice.value}
            disabled={choice.disabled}
            {...(choice.testId === undefined ? {} : { 'data-testid': choice.testId })}
          >
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
