// The product's fixed vocabularies: stored as codes, shown translated. Shared by server
// and browser (forms list them), so they live outside the *.server schema.

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

export const professions = [
  'youth_care_worker',
  'teacher',
  'pupil_counsellor',
  'psychologist',
  'sexologist',
  'pedagogue',
  'police',
  'youth_worker',
  'caw',
  'jac',
  'other',
] as const;
export type Profession = (typeof professions)[number];

export const roles = ['facilitator', 'trainer', 'coordinator', 'admin'] as const;
export type Role = (typeof roles)[number];

export const userStatuses = ['pending', 'approved', 'rejected', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const pacingModes = ['together', 'own_pace'] as const;
export type PacingMode = (typeof pacingModes)[number];
export const groupSessionStatuses = ['lobby', 'running', 'paused', 'ended'] as const;
export type GroupSessionStatus = (typeof groupSessionStatuses)[number];
