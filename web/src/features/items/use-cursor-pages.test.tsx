// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCursorPages } from './use-cursor-pages.js';

describe(useCursorPages.name, () => {
  it('walks forward by the cursors the server gives and back through the pages seen', () => {
    const { result } = renderHook(() => useCursorPages('filter-a'));
    expect(result.current).toMatchObject({ index: 0, cursor: null, hasPrev: false });
    act(() => result.current.next('c2'));
    act(() => result.current.next('c3'));
    expect(result.current).toMatchObject({ index: 2, cursor: 'c3', hasPrev: true });
    act(() => result.current.prev());
    expect(result.current).toMatchObject({ index: 1, cursor: 'c2' });
    act(() => result.current.next('c3b'));
    expect(result.current).toMatchObject({ index: 2, cursor: 'c3b' });
  });

  it('starts again at the first page when the filter changes', () => {
    const { result, rerender } = renderHook(({ key }) => useCursorPages(key), { initialProps: { key: 'red' } });
    act(() => result.current.next('after-page-1'));
    expect(result.current.index).toBe(1);
    rerender({ key: 'yellow' });
    expect(result.current).toMatchObject({ index: 0, cursor: null, hasPrev: false });
  });
});
