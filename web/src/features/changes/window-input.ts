/** The browser's time zone, which `datetime-local` inputs are in: labels name it. */
export const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An ISO instant as a `datetime-local` value in the browser's zone (`2026-12-01T23:00`). */
export function localOf(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `2026-12-01T22:00` (the browser's zone) → ISO, or undefined when empty. */
export const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);
