import { describe, expect, it } from 'vitest';
import { availableActions } from '../../domain/loop/available.js';
import { A, at, ctxFor, run, STORY } from '../../domain/loop/spec/fixtures.js';
import { offeredActions } from './offered.js';

describe(offeredActions.name, () => {
  it('offers exactly what availableActions offers, for every role in every state', () => {
    const states = { draft: STORY.draft, assigned: STORY.assigned, inProgress: STORY.inProgress, closing: STORY.closing, closed: STORY.closed };
    let offeredSomething = 0;
    for (const steps of Object.values(states)) {
      const item = run(steps).item;
      for (const who of Object.values(A)) {
        for (const now of [at(2), at(40)]) {
          const ctx = ctxFor(who, { now });
          const offered = offeredActions(item, ctx);
          expect(offered).toEqual(availableActions(item, ctx));
          if (offered.length > 0) offeredSomething += 1;
        }
      }
    }
    expect(offeredSomething).toBeGreaterThan(5);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
  });

  it('raises an error that is not a refusal with its stack, and leaves stack capture as it was', () => {
    const before = Error.stackTraceLimit;
    const broken = { ...ctxFor(A.supDcs, { now: at(2) }), units: null } as unknown as Parameters<typeof offeredActions>[1];
    let raised: unknown;
    try {
      offeredActions(run(STORY.draft).item, broken);
    } catch (e) {
      raised = e;
    }
    expect(raised).toBeInstanceOf(TypeError);
    expect((raised as Error).stack?.split('\n').length).toBeGreaterThan(2);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
