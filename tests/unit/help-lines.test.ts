import { describe, expect, it } from 'vitest';
import { helpRegionOf, helpResourcesFor, helpResourcesForGirls } from '~/help/resources.server';

const ids = (list: { id: string }[]) => list.map((line) => line.id);

describe('help lines per region and language (decision 0010)', () => {
  it('reads a province as its region', () => {
    expect(helpRegionOf('antwerpen')).toBe('flanders');
    expect(helpRegionOf('brussel')).toBe('brussels');
    expect(helpRegionOf('luik')).toBe('wallonia');
    expect(helpRegionOf('waals_brabant')).toBe('wallonia');
  });

  it('a Brussels group in French gets the French-speaking lines, not the Dutch-only ones, and no reporting point', () => {
    const lines = ids(helpResourcesForGirls('fr', 'brussels'));
    expect(lines).toEqual(expect.arrayContaining(['child-focus', 'ecoute-enfants', 'emergency-112', 'police-101', 'sexual-violence-care', 'trusted-person']));
    expect(lines).not.toContain('awel');
    expect(lines).not.toContain('1712');
    expect(lines).not.toContain('pag-asa');
  });

  it('a Flemish group in Dutch gets the children’s lines and chats of Flanders', () => {
    const lines = helpResourcesForGirls('nl', 'flanders');
    expect(ids(lines)).toEqual(expect.arrayContaining(['awel', '1712', 'nupraatikerover', 'child-focus', 'emergency-112', 'police-101']));
    expect(ids(lines)).not.toContain('ecoute-enfants');
    expect(lines.find((line) => line.id === 'police-101')?.description).toMatch(/dringend/);
    expect(lines.find((line) => line.id === 'emergency-112')?.chat).toBe('112 BE app');
  });

  it('gives professionals the reporting point of their region, with its contact details', () => {
    const payoke = helpResourcesFor('nl', 'flanders').find((line) => line.id === 'payoke');
    expect(payoke).toMatchObject({ phone: '03 201 16 90', email: 'admin@payoke.be', audience: 'professionals' });
    expect(ids(helpResourcesFor('fr', 'brussels'))).toContain('pag-asa');
    expect(ids(helpResourcesFor('fr', 'wallonia'))).toContain('surya');
  });

  it('says for every line in which languages it answers, and whether it is free, anonymous, 24/7', () => {
    for (const language of ['nl', 'fr', 'en'] as const) {
      for (const line of helpResourcesFor(language)) {
        expect(line.languages.length).toBeGreaterThan(0);
        expect([typeof line.free, typeof line.anonymous, typeof line.allDay]).toEqual(['boolean', 'boolean', 'boolean']);
      }
    }
    expect(helpResourcesFor('nl').find((line) => line.id === 'child-focus')).toMatchObject({ phone: '116 000', free: true, anonymous: true, allDay: true });
  });

  it('solo play takes the region from the language', () => {
    expect(ids(helpResourcesForGirls('nl'))).toContain('awel');
    expect(ids(helpResourcesForGirls('fr'))).toContain('ecoute-enfants');
  });
});
