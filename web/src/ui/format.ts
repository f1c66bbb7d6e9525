const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** "3 hours ago", "in 2 days". */
export function ago(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return 'just now';
}

/** A JSON value as one line: strings bare, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const ACRONYMS: Record<string, string> = { cab: 'CAB', ci: 'CI', cis: 'CIs' };

/** `cab_member` → "CAB member", `backed_out` → "Backed out". */
export function humanize(word: string): string {
  const s = word
    .split(/[_-]/)
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A relationship type's name as words, lower case: `depends_on` → "depends on", `used_by` → "used by". */
export function relationWords(type: string): string {
  return type.split(/[_-]/).join(' ');
}

/** `n` and the noun that agrees with it: "1 change", "3 changes". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
