import { useEffect, useMemo, useRef } from 'react';
import { segmentText } from '../source-spans.js';

export interface SourceTextProps {
  readonly text: string;
  readonly directives: readonly { readonly i: number; readonly start: number; readonly end: number; readonly keep: boolean }[];
  readonly selected: number | null;
  onSelect(i: number): void;
  /** The character offset the user clicked at (for a split). */
  onCaret(offset: number): void;
}

/** The readout with every directive's sentence marked; the selected one highlighted and scrolled into view. */
export function SourceText({ text, directives, selected, onSelect, onCaret }: SourceTextProps) {
  const segments = useMemo(() => segmentText(text.length, directives), [text, directives]);
  const keep = useMemo(() => new Map(directives.map((d) => [d.i, d.keep])), [directives]);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected === null) return;
    root.current?.querySelector(`[data-directive="${selected}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [selected]);
  const caret = () => {
    const sel = window.getSelection();
    const node = sel?.anchorNode;
    const span = node?.parentElement?.closest('[data-start]') as HTMLElement | null;
    if (!sel || !span || !root.current?.contains(span)) return;
    onCaret(Number(span.dataset.start) + sel.anchorOffset);
  };
  return (
    <div ref={root} className="source-text" onMouseUp={caret} onKeyUp={caret} data-testid="source-text">
      {segments.map((s) =>
        s.directive === null ? (
          <span key={s.start} data-start={s.start}>
            {text.slice(s.start, s.end)}
          </span>
        ) : (
          <mark
            key={s.start}
            data-start={s.start}
            data-directive={s.directive}
            className={s.directive === selected ? undefined : keep.get(s.directive) ? 'dim' : 'dropped'}
            onClick={() => onSelect(s.directive!)}
            aria-current={s.directive === selected ? 'true' : undefined}
          >
            {text.slice(s.start, s.end)}
          </mark>
        ),
      )}
    </div>
  );
}
