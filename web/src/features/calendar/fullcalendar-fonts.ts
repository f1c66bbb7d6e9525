import '@fullcalendar/core';

/*
 * FullCalendar's injected styles declare its icon font as a data: URL, which the page's policy
 * (fonts from this server only) refuses, with an error in the console whenever a view uses it.
 * The calendar is set up without icons (text buttons), so the font face is removed from the
 * injected sheet instead of widening the policy. Imported for its effect, after FullCalendar's
 * own modules have injected their styles.
 */
for (const el of document.querySelectorAll<HTMLStyleElement>('style[data-fullcalendar]')) {
  const sheet = el.sheet;
  if (!sheet) continue;
  for (let i = sheet.cssRules.length - 1; i >= 0; i--)
    if (sheet.cssRules[i] instanceof CSSFontFaceRule) sheet.deleteRule(i);
}
