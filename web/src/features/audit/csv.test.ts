import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe(toCsv.name, () => {
  it('writes a BOM, quotes what needs quoting and neutralises what a spreadsheet would run as a formula', () => {
    const text = toCsv(
      ['序号', '事件', '操作人'],
      [
        [12, '交办', 'sup'],
        [11, '=HYPERLINK("http://x","y")', null],
        [10, 'a,b\n"c"', '@admin'],
      ],
    );
    expect(text).toBe('\uFEFF序号,事件,操作人\r\n12,交办,sup\r\n11,"\'=HYPERLINK(""http://x"",""y"")",\r\n10,"a,b\n""c""",\'@admin\r\n');
  });
});
