import { describe, expect, it } from 'vitest';
import { cleanName } from './evidence.js';

describe('evidence file names', () => {
  it('are data, not paths: separators and control characters become _', () => {
    expect(cleanName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanName('a\\b\u0000c.pdf')).toBe('a_b_c.pdf');
  });

  it('mask identity-card, mobile and bank-card numbers before they enter the record', () => {
    expect(cleanName('张三身份证110101199003077777.jpg')).toBe('张三身份证110101********7777.jpg');
    expect(cleanName('李四身份证11010119900307123X.png')).toBe('李*身份证110101********123X.png');
    expect(cleanName('联系人13800138000.docx')).toBe('联系人138****8000.docx');
    expect(cleanName('银行卡6222020200112233445.pdf')).toBe('银行卡6222********3445.pdf');
    expect(cleanName('2026年第3季度整改报告.pdf')).toBe('2026年第3季度整改报告.pdf');
  });

  it('mask the names, e-mail addresses and plates that a case field would mask, and leave units and places alone', () => {
    expect(cleanName('调解协议-当事人李明华.pdf')).toBe('调解协议-当事人李**.pdf');
    expect(cleanName('现场照片_刘德华_20261201.png')).toBe('现场照片_刘**_20261201.png');
    expect(cleanName('zhangsan@163.com.pdf')).toBe('z***@163.com.pdf');
    expect(cleanName('京A12345车辆.jpg')).toBe('京A****5车辆.jpg');
    expect(cleanName('东城区卫生健康局整改材料.docx')).toBe('东城区卫生健康局整改材料.docx');
    expect(cleanName('黄河路排水改造.pdf')).toBe('黄河路排水改造.pdf');
  });
});
