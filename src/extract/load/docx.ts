/** Occurrences of a paragraph start (`<w:p>` or `<w:p …`) in WordprocessingML bytes. */
export function countParagraphs(xml: Uint8Array): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i >= 0 && i + 4 < xml.length; i = xml.indexOf(0x3c, i + 1)) {
    // '<' 'w' ':' 'p' then '>' or ' ' or '/'
    if (xml[i + 1] === 0x77 && xml[i + 2] === 0x3a && xml[i + 3] === 0x70 && (xml[i + 4] === 0x3e || xml[i + 4] === 0x20 || xml[i + 4] === 0x2f)) n += 1;
  }
  return n;
}
