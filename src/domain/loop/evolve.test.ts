import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { ItemEvent } from './events.js';
import { evolve } from './evolve.js';
import { replay } from './replay.js';
import { run, STORY } from './spec/fixtures.js';

const { events, item: closed } = run(STORY.closed);
const stored = (es: readonly ItemEvent[]): unknown[] => JSON.parse(JSON.stringify(es)) as unknown[];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return undefined;
}

describe('evolve and replay', () => {
  it('rebuild the item from its stored events, times from the events alone', () => {
    expect(replay(stored(events))).toEqual(closed);
    expect(closed.closedAt).toBe(events.at(-1)!.at);
  });

  it('refuse a stream that does not start with ItemCreated', () => {
    expect(codeOf(() => replay(stored(events.slice(1))))).toBe('invalid_event_stream');
    expect(codeOf(() => replay([]))).toBe('invalid_event_stream');
  });

  it("refuse a second ItemCreated, another item's event and a version out of sequence", () => {
    const [created, assigned] = events as [ItemEvent, ItemEvent];
    const item = evolve(null, created);
    expect(codeOf(() => evolve(item, { ...created, version: 2 }))).toBe('invalid_event_stream');
    expect(codeOf(() => evolve(item, { ...assigned, itemId: 'other' }))).toBe('invalid_event_stream');
    expect(codeOf(() => evolve(item, { ...assigned, version: 3 }))).toBe('invalid_event_stream');
    expect(codeOf(() => evolve(item, { ...assigned, version: 1 }))).toBe('invalid_event_stream');
  });

  it('refuse a malformed stored event, naming what is wrong', () => {
    const raw = stored(events) as Record<string, unknown>[];
    raw[1] = { ...raw[1], at: 'yesterday' };
    let caught: unknown;
    try {
      replay(raw);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('invalid_event_stream');
    expect((caught as DomainError).message).toContain('at');
  });

  it('do not share state between the item before and after an event', () => {
    const [created, assigned] = events as [ItemEvent, ItemEvent];
    const before = evolve(null, created);
    const copy = structuredClone(before);
    evolve(before, assigned);
    expect(before).toEqual(copy);
  });
});
