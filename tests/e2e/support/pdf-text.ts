import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF that pdfkit made (embedded Type0 fonts with a ToUnicode map, Flate or
 * plain streams), one line per text object: enough to check what a certificate says without
 * a PDF library. Reads what a viewer would: glyph ids mapped back through each font's map.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const match of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = streamAt + body.slice(streamAt).indexOf('\n') + 1;
    const end = body.lastIndexOf('endstream');
    let bytes = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    if (/\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
    objects.set(Number(match[1]), { dict, stream: bytes.toString('latin1') });
  }

  // Font resource name (/F1) → its glyph-id → text map, from the font's ToUnicode CMap.
  const maps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const fontBlock of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const [, name, ref] of fontBlock[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const font = objects.get(Number(ref));
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '')?.[1];
        const cmap = toUnicode ? objects.get(Number(toUnicode))?.stream : undefined;
        if (cmap) maps.set(name!, parseCmap(cmap));
      }
    }
  }

  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Type\s*\/XObject|\/Subtype\s*\/Image|\/Length1|CMapName/.test(dict + stream.slice(0, 200))) continue;
    let font: Map<number, string> | undefined;
    for (const [, fontName, array, single] of stream.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (fontName) {
        font = maps.get(fontName);
        continue;
      }
      const hexes = array !== undefined ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [single!];
      lines.push(hexes.map((hex) => decode(hex, font)).join(''));
    }
  }
  return lines.join('\n');
}

function decode(hex: string, font: Map<number, string> | undefined): string {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
  return text;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => String.fromCodePoint(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, base] of block[1]!.matchAll(/<(\w+)>\s*<(\w+)>\s*(?:\[([^\]]*)\]|<(\w+)>)/g)) {
      const start = parseInt(from!, 16);
      const end = parseInt(to!, 16);
      if (list !== undefined) [...list.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((m, i) => map.set(start + i, unicode(m[1]!)));
      else for (let code = start; code <= end; code++) map.set(code, String.fromCodePoint(parseInt(base!, 16) + code - start));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<(\w+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(code!, 16), unicode(text!));
  }
  return map;
}
