import { describe, expect, it } from 'vitest';
import { cleanName } from './evidence.js';

describe('evidence file names', () => {
  it('are data, not paths: separators and control characters become _', () => {
    expect(cleanName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanName('a\\b\u0000c.pdf')).toBe('a_b_c.pdf');
  });

  it('mask identity-card, mobile and bank-card numbers before they enter the record', () => {
    expect(cleanName('张三身份证110101199003077777.jpg')).toBe('张三身份证110101********7777.jpg');
    expect(cleanName('李四身份证11010119900307123X.png')).toBe('李四身份证110101********123X.png');
    expect(cleanName('联系人13800138000.docx')).toBe('联系人138****8000.docx');
    expect(cleanName('银行卡6222020200112233445.pdf')).toBe('银行卡6222********3445.pdf');
    expect(cleanName('2026年第3季度整改报告.pdf')).toBe('2026年第3季度整改报告.pdf');
  });
});
