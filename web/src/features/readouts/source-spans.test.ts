import { describe, expect, it } from 'vitest';
import { directiveTree, segmentText } from './source-spans.js';

describe(segmentText.name, () => {
  it('cuts the text at directive spans without losing or repeating a character', () => {
    const text = '会议指出。一要抓好防控。二要稳定就业。';
    const segs = segmentText(text.length, [
      { i: 2, start: 11, end: 19 },
      { i: 1, start: 5, end: 11 },
    ]);
    expect(segs.map((s) => s.directive)).toEqual([null, 1, 2]);
    expect(segs.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
  });

  it('keeps the earlier span where two overlap (after a merge) and ignores spans past the end', () => {
    const segs = segmentText(20, [
      { i: 1, start: 2, end: 10 },
      { i: 2, start: 5, end: 15 },
      { i: 3, start: 30, end: 40 },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 2, directive: null },
      { start: 2, end: 10, directive: 1 },
      { start: 10, end: 15, directive: 2 },
      { start: 15, end: 20, directive: null },
    ]);
  });
});

describe(directiveTree.name, () => {
  it('lists each headline followed by its sub-directives, in reading order, with their depth', () => {
    const list = [
      { i: 3, parent: 1, start: 30 },
      { i: 1, parent: null, start: 10 },
      { i: 4, parent: null, start: 50 },
      { i: 2, parent: 1, start: 20 },
      { i: 5, parent: 99, start: 60 },
    ];
    expect(directiveTree(list).map(({ d, depth }) => `${d.i}:${depth}`)).toEqual(['1:0', '2:1', '3:1', '4:0', '5:0']);
  });
});
