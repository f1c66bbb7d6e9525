import type { RoleName } from '../../../../src/contracts/auth.contracts.js';
import { humanize } from '../../ui/format.js';

/** Checkboxes for a user's roles (at least one is needed: the server says so if none is ticked). */
export function RolePicker(props: {
  roles: readonly RoleName[];
  value: readonly RoleName[];
  onChange: (roles: RoleName[]) => void;
  legend: string;
}) {
  const toggle = (role: RoleName, on: boolean) =>
    props.onChange(on ? [...props.value, role] : props.value.filter((r) => r !== role));
  return (
    <fieldset className="role-picker">
      <legend>{props.legend}</legend>
      {props.roles.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            checked={props.value.includes(role)}
            onChange={(e) => toggle(role, e.target.checked)}
          />
          {humanize(role)}
        </label>
      ))}
    </fieldset>
  );
}
