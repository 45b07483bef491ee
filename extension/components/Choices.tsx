import type { ComponentChildren } from "preact";

interface Props<T extends string> {
  legend: ComponentChildren;
  name: string;
  options: readonly T[];
  label(option: T): string;
  /** One value: radio buttons; a list: checkboxes. */
  value: T | T[];
  onChange(value: T | T[]): void;
}

/** A row of chips backed by real radio buttons or checkboxes, so keyboard and screen readers just work. */
export function Choices<T extends string>({ legend, name, options, label, value, onChange }: Props<T>) {
  const multiple = Array.isArray(value);
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div class="chips">
        {options.map((option) => {
          const checked = multiple ? value.includes(option) : value === option;
          return (
            <label class="choice" key={option} style={{ fontWeight: 400, margin: 0 }}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={name}
                value={option}
                checked={checked}
                onChange={() => {
                  if (!multiple) onChange(option);
                  else onChange(checked ? value.filter((v) => v !== option) : [...value, option]);
                }}
              />
              <span>{label(option)}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
