/** Lower case, no accents, no punctuation, single spaces: "Vzw 't Kompas!" → "vzw t kompas". */
export function normaliseOrganisationName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
