// When an auto-reply says its sender is back: the date as written, after a "back"/"return"/"until"
// wording, in the common languages of vacation replies. Pure; every pattern is linear.

const KEYWORDS = [
  'back on', 'back in the office on', 'back in the office', 'back', 'return on', 'returning on', 'returning', 'return',
  'until', 'till', 'through', 'from', 'ab dem', 'ab', 'bis zum', 'bis', "jusqu'au", 'jusqu’au', 'retour le', 'de retour le',
  'hasta el', 'hasta', 'regreso el', 'fino al', 'al rientro il', 'tot en met', 'tot', 'vanaf', 'até', 'do dnia', 'до',
];
const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'januar', 'februar', 'märz', 'juni', 'juli', 'oktober', 'dezember',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  'gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre',
  'januari', 'februari', 'maart', 'mei', 'augustus',
];
const MONTH = `(?:${[...MONTHS].sort((a, b) => b.length - a.length).join('|')})`;
const DATE = [
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}[./]\d{1,2}[./]\d{2,4}`,
  String.raw`\d{1,2}(?:st|nd|rd|th|er|º|\.)? (?:of |de )?${MONTH}\.?(?: \d{4})?`,
  String.raw`${MONTH}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?`,
].join('|');
const WEEKDAY = String.raw`(?:[a-zäéû]{3,12},? )?`;
const KEYWORD = `(?:${[...KEYWORDS].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
const PATTERN = new RegExp(`(?:^|[^\\p{L}])${KEYWORD}:? (?:the )?${WEEKDAY}(${DATE})`, 'iu');

const MAX_TEXT = 4000;

/** The return date an auto-reply names, as written ("14 December 2026", "2026-12-14"), or null. */
export function returnDateOf(text: string): string | null {
  const flat = text.slice(0, MAX_TEXT).replace(/\s+/g, ' ');
  return PATTERN.exec(flat)?.[1]?.replace(/\.$/, '') ?? null;
}
