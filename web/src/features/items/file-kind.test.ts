import { describe, expect, it } from 'vitest';
import { fileKind } from './file-kind.js';

describe(fileKind.name, () => {
  it('names the usual evidence files by kind, whatever their parameters, and anything else as a file', () => {
    expect(fileKind('image/jpeg')).toBe('image');
    expect(fileKind('application/pdf')).toBe('pdf');
    expect(fileKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('word');
    expect(fileKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('sheet');
    expect(fileKind('text/csv; charset=utf-8')).toBe('sheet');
    expect(fileKind('text/plain;charset=UTF-8')).toBe('text');
    expect(fileKind('application/zip')).toBe('archive');
    expect(fileKind('application/octet-stream')).toBe('other');
  });
});
