import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { client } from '../../client.js';
import type { CiView } from '../../../../src/contracts/ci.contracts.js';

const SUGGESTIONS = 8;

/**
 * A CI picker: a combobox (WAI-ARIA 1.2, list autocomplete) whose options the server finds by
 * name (`GET /cis?q=`), a quarter of a second after the last key. Arrow keys move through the
 * options, Enter picks one, Escape closes the list; typing `class/name` by hand works too.
 */
export function CiPicker(props: { label: string; name: string; value: string; onChange: (ref: string) => void }) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [options, setOptions] = useState<CiView[]>([]);
  const [total, setTotal] = useState<number>();
  const text = props.value;
  // The name part of what is typed: "database/ord" searches "ord" among databases.
  const slash = text.indexOf('/');
  const q = (slash >= 0 ? text.slice(slash + 1) : text).trim();
  const cls = slash > 0 ? text.slice(0, slash) : undefined;

  useEffect(() => {
    if (!open || text.trim() === '') {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      client.cmdb
        .listCis({
          q: q || undefined,
          ...(cls && /^[a-z][a-z0-9_]*$/.test(cls) ? { class: cls } : {}),
          limit: SUGGESTIONS,
        })
        .then(
          (page) => {
            if (!live) return;
            setOptions(page.items);
            setTotal(page.total);
            setActive(-1);
          },
          () => live && setOptions([]),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, text]);

  const pick = (ci: CiView) => {
    props.onChange(`${ci.class}/${ci.name}`);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const expanded = open && options.length > 0;
  return (
    <div className="combobox">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        placeholder="database/orders-db"
        value={text}
        onChange={(e) => {
          props.onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKey}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={`${props.label}: matching CIs`} hidden={!expanded}>
        {options.map((ci, i) => (
          <li
            key={ci.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // mousedown, not click: it comes before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(ci);
            }}
          >
            <span className="mono">
              {ci.class}/{ci.name}
            </span>{' '}
            <span className="muted small">{ci.status}</span>
          </li>
        ))}
        {total !== undefined && total > options.length && (
          <li role="presentation" className="muted small">
            {total - options.length} more match: type more of the name
          </li>
        )}
      </ul>
    </div>
  );
}
