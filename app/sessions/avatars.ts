/** The avatars a girl can choose (public/avatars/<id>.svg): animals, nothing that looks like her. */
export const avatars = ['fox', 'owl', 'cat', 'panda', 'rabbit', 'turtle', 'bee', 'dolphin'] as const;
export type Avatar = (typeof avatars)[number];
