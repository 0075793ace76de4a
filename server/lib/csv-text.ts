// One text field of a CSV file, safe in a spreadsheet whichever separator it splits on. Excel uses
// "," in some locales and ";" in others (NL, DE, IT, LT: the administrations Muster serves), so a
// comma file opened there splits at every ";" inside a field too, and `x;=HYPERLINK(...)` becomes a
// live formula cell. So a cell could start after any "," or ";" (or "), not only at the field's start:
// at each of those places, after spaces and quotes, a leading =, +, - or @ gets an apostrophe (the
// spreadsheet convention for "this is text"). Tabs and line breaks never reach the file: the text
// is first cleaned for display (display-text.ts), which also removes invisible and bidi characters.
import { displayText } from "./display-text";

/** A cell may start at the field's start or after a separator of either convention, past spaces and quotes. */
const CELL_START = /(^|[,;])([\s"]*)([=+\-@])/g;
/** Separators of either convention, quotes, or spaces at either end (which some readers would drop). */
const NEEDS_QUOTES = /[",;]|^\s|\s$/;

export function csvText(raw: string): string {
  const text = displayText(raw).replace(CELL_START, "$1$2'$3");
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
