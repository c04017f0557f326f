import type { ColumnType, Generated, Selectable } from 'kysely';

/** The whole schema in one place; row types derive from it. */
export interface Database {
  organisations: OrganisationTable;
}

export const organisationTypes = ['youth_care', 'school', 'clb', 'police_zone', 'caw', 'jac', 'other'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const regions = [
  'antwerpen',
  'limburg',
  'oost_vlaanderen',
  'vlaams_brabant',
  'west_vlaanderen',
  'brussel',
  'henegouwen',
  'luik',
  'luxemburg',
  'namen',
  'waals_brabant',
] as const;
export type Region = (typeof regions)[number];

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  /** Lower-cased, accent- and punctuation-free name: the key for "did you mean…". */
  normalised_name: string;
  type: OrganisationType;
  postal_code: string;
  municipality: string;
  region: Region;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Organisation = Selectable<OrganisationTable>;
