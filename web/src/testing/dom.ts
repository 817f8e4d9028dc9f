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

/**
 * `matchMedia` as a screen `width` px wide answers it (min-width and max-width queries), for components that
 * change at antd's breakpoints: the ledger's cards, the phone's menu drawer. Replaces any earlier stub.
 */
export function stubViewport(width: number): void {
  window.matchMedia = ((q: string) => {
    const min = /min-width:\s*([\d.]+)px/.exec(q);
    const max = /max-width:\s*([\d.]+)px/.exec(q);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return { matches, media: q, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false };
  }) as typeof window.matchMedia;
}
