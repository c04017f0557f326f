import { distance } from 'fastest-levenshtein';

/** Lower case, no accents, no punctuation, single spaces: "Vzw 't Kompas!" → "vzw t kompas". */
export function normaliseOrganisationName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Legal forms and filler words say nothing about which organisation is meant.
const fillerWords = new Set(['vzw', 'asbl', 'bv', 'nv', 'cvba', 'de', 'het', 't', 'la', 'le', 'les', 'l', 'the']);

function coreName(normalisedName: string): string {
  return normalisedName
    .split(' ')
    .filter((word) => !fillerWords.has(word))
    .join(' ');
}

/**
 * Two normalised names "look alike" when, without legal forms and articles, one contains
 * the other or they differ in at most a fifth of their characters ("vzw De Linde" ~
 * "Jeugdhulp de Linde", "Horizon" ~ "Horrizon"). Callers also require the same postal code.
 */
export function namesLookAlike(a: string, b: string): boolean {
  const coreA = coreName(a);
  const coreB = coreName(b);
  if (!coreA || !coreB) return a === b;
  if (coreA === coreB || coreA.includes(coreB) || coreB.includes(coreA)) return true;
  return distance(coreA, coreB) <= Math.floor(Math.max(coreA.length, coreB.length) / 5);
}
