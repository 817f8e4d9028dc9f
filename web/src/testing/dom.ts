/**
 * What antd reads from the browser and happy-dom lacks: `matchMedia` (responsive grids, the modal's breakpoints).
 * Component tests call this before rendering; a query never matches, as on a wide screen with no preferences.
 */
export function stubMatchMedia(): void {
  window.matchMedia ??= ((q: string) => ({
    matches: false,
    media: q,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
}
