import { describe, expect, it } from 'vitest';
import { certificatePdf, materialPdf } from '~/courses/pdf.server';
import type { CertificateView } from '~/courses/certificates.server';
import { pdfText } from '../../e2e/support/pdf-text';

// The certificate PDF (decision 0016): every snapshot field, the code and the verify link,
// fonts embedded (names with any Latin letter print), tagged, and nothing fetched.

const labels = {
  heading: 'Certificaat',
  intro: 'Weerbaar verklaart dat',
  holder: 'Naam',
  organisation: 'Organisatie',
  course: 'Opleiding',
  version: 'Versie',
  score: 'Score',
  issued: 'Uitgereikt op',
  expires: 'Geldig tot',
  noExpiry: 'onbeperkt geldig',
  code: 'Code',
  verify: 'Controleer op',
  status: 'Status',
  statusText: 'geldig',
  qrAlt: 'QR-code naar de controlepagina',
};
const view: CertificateView = {
  code: 'ABCDEFGHJKMNPQRS',
  holderName: 'Zoë Ćosić-Dubois',
  organisationName: 'Jeugdhulp De Linde',
  courseTitle: 'Weerbaar-sessies begeleiden',
  courseVersion: 3,
  score: 80,
  issuedAt: '2026-12-02T09:00:00.000Z',
  expiresAt: '2029-12-02T09:00:00.000Z',
  status: 'valid',
  revokedReason: null,
  revokedAt: null,
  language: 'nl',
};

describe('the certificate PDF', () => {
  it('holds every field of the snapshot, the code and the verify link, in an embedded, tagged document', async () => {
    const started = performance.now();
    const pdf = await certificatePdf(view, labels, 'https://weerbaar.example/verify/ABCD-EFGH-JKMN-PQRS');
    console.log(`certificate PDF: ${(performance.now() - started).toFixed(0)} ms, ${pdf.length} bytes`);
    const text = pdfText(pdf);
    for (const expected of [
      'Certificaat',
      'Zoë Ćosić-Dubois',
      'Jeugdhulp De Linde',
      'Weerbaar-sessies begeleiden',
      '3',
      '80 %',
      '2026-12-02',
      '2029-12-02',
      'geldig',
      'ABCD-EFGH-JKMN-PQRS',
      'https://weerbaar.example/verify/ABCD-EFGH-JKMN-PQRS',
    ]) {
      expect(text).toContain(expected);
    }
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(nl\)/);
    // Fonts are embedded (no standard font a reader must supply), and an image for the QR code.
    expect(raw.match(/\/FontFile2/g)?.length).toBeGreaterThanOrEqual(2);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toMatch(/\/Subtype \/Image/);
  });

  it('makes course material from the course text, paragraph by paragraph', async () => {
    const pdf = await materialPdf({
      language: 'fr',
      courseTitle: 'Animer les séances',
      title: 'Fiche',
      sections: [{ heading: 'D’abord la force', body: 'Premier paragraphe.\n\nDeuxième paragraphe.' }],
    });
    const text = pdfText(pdf);
    for (const expected of ['Animer les séances', 'Fiche', 'D’abord la force', 'Premier paragraphe.', 'Deuxième paragraphe.']) expect(text).toContain(expected);
    expect(pdf.toString('latin1')).toMatch(/\/Lang \(fr\)/);
  });
});
