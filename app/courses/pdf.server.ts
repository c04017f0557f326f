// PDFs made on the server with pdfkit (decision 0016): the certificate (every snapshot field,
// the code and a QR code to /verify/<code>) and course material made from the course's own
// text. Tagged, with a document language, Noto Sans embedded from node_modules; no request
// leaves the server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCertificateCode } from './certificate-code';
import type { CertificateView } from './certificates.server';

const require = createRequire(import.meta.url);
const fontFolder = path.dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
// Read once: every PDF embeds the glyphs it uses from these (Noto Sans, SIL Open Font Licence).
let fontData: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () =>
  (fontData ??= {
    regular: readFileSync(path.join(fontFolder, '400Regular', 'NotoSans_400Regular.ttf')),
    bold: readFileSync(path.join(fontFolder, '700Bold', 'NotoSans_700Bold.ttf')),
  });

export interface CertificateLabels {
  heading: string;
  intro: string;
  holder: string;
  organisation: string;
  course: string;
  version: string;
  score: string;
  issued: string;
  expires: string;
  noExpiry: string;
  code: string;
  verify: string;
  status: string;
  statusText: string;
  qrAlt: string;
}

/** Renders a document into one Buffer. `compress: false` keeps the text readable in the file (tests read it). */
function render(options: { language: string; title: string; compress?: boolean }, draw: (doc: PDFKit.PDFDocument) => Promise<void> | void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    displayTitle: true,
    lang: options.language,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    info: { Title: options.title, Producer: 'Weerbaar', Creator: 'Weerbaar' },
    // No standard font is ever used: the first font is registered before any text.
    font: fonts().regular as unknown as string,
  });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return Promise.resolve(draw(doc))
    .then(() => doc.end())
    .then(() => done);
}

/** One labelled field: a small label and its value, as a paragraph pair. */
function field(doc: PDFKit.PDFDocument, label: string, value: string) {
  doc.font('regular').fontSize(10).fillColor('#555555').text(label);
  doc.font('bold').fontSize(13).fillColor('#111111').text(value);
  doc.moveDown(0.5);
}

export async function certificatePdf(
  view: CertificateView,
  labels: CertificateLabels,
  verifyUrl: string,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const code = formatCertificateCode(view.code);
  return render({ language: view.language, title: `${labels.heading}: ${view.courseTitle}`, compress: options.compress }, (doc) => {
    const section = doc.struct('Sect');
    doc.addStructure(section);
    section.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(24).fillColor('#111111').text(labels.heading)));
    section.add(doc.struct('P', {}, () => doc.font('regular').fontSize(12).fillColor('#333333').text(labels.intro).moveDown()));
    const rows: [string, string][] = [
      [labels.holder, view.holderName],
      ...(view.organisationName ? ([[labels.organisation, view.organisationName]] as [string, string][]) : []),
      [labels.course, view.courseTitle],
      [labels.version, String(view.courseVersion)],
      ...(view.score !== null ? ([[labels.score, `${view.score} %`]] as [string, string][]) : []),
      [labels.issued, view.issuedAt.slice(0, 10)],
      [labels.expires, view.expiresAt ? view.expiresAt.slice(0, 10) : labels.noExpiry],
      [labels.status, labels.statusText],
      [labels.code, code],
    ];
    for (const [label, value] of rows) section.add(doc.struct('P', {}, () => field(doc, label, value)));
    section.add(
      doc.struct('Figure', { alt: labels.qrAlt }, () => {
        doc.image(qr, { fit: [120, 120] });
      }),
    );
    section.add(doc.struct('P', {}, () => doc.moveDown(0.5).font('regular').fontSize(10).fillColor('#333333').text(`${labels.verify} ${verifyUrl}`)));
    section.end();
  });
}

export interface MaterialSection {
  heading?: string;
  body: string;
}

/** A handout from the course's own text: a title and sections of headings and paragraphs. */
export function materialPdf(
  input: { language: string; courseTitle: string; title: string; sections: MaterialSection[] },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  return render({ language: input.language, title: input.title, compress: options.compress }, (doc) => {
    const section = doc.struct('Sect');
    doc.addStructure(section);
    section.add(doc.struct('P', {}, () => doc.font('regular').fontSize(10).fillColor('#555555').text(input.courseTitle)));
    section.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(20).fillColor('#111111').text(input.title).moveDown(0.5)));
    for (const part of input.sections) {
      if (part.heading) section.add(doc.struct('H2', {}, () => doc.font('bold').fontSize(14).fillColor('#111111').text(part.heading!).moveDown(0.25)));
      for (const paragraph of part.body.split(/\n\s*\n/)) {
        section.add(doc.struct('P', {}, () => doc.font('regular').fontSize(11).fillColor('#222222').text(paragraph.trim()).moveDown(0.5)));
      }
    }
    section.end();
  });
}
