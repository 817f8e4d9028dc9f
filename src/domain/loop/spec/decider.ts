import { expect } from 'vitest';
import { DomainError, type DomainErrorCode } from '../../errors.js';
import type { Item } from '../../item.js';
import type { Actor } from '../../roles.js';
import type { CommandInput } from '../commands.js';
import { decide } from '../decide.js';
import { evolve } from '../evolve.js';
import type { ItemEvent, ItemEventType } from '../events.js';
import { ctxFor, run, type CtxOptions, type Step } from './fixtures.js';

/** Freezes an object graph so that any mutation by the core throws in the test. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** An expected event, matched partially (nested objects too). */
export type ExpectedEvent = { readonly type: ItemEventType } & Readonly<Record<string, unknown>>;

/**
 * Given/when/then for the loop, after Emmett's DeciderSpecification: given a story (steps already
 * taken), when an actor sends a command, then these events follow, or the action is refused with a code.
 */
export function given(steps: readonly Step[], type = 'directive') {
  const before: Item | null = steps.length ? deepFreeze(run(steps, type).item) : null;
  return {
    when(who: Actor, command: CommandInput, opts: Omit<CtxOptions, 'type'> = {}) {
      const attempt = () => decide(before, command, ctxFor(who, { ...opts, type }));
      return {
        /** The events match (partially), in order; returns the item after them. */
        then(expected: readonly ExpectedEvent[]): Item {
          const events = attempt();
          expect(events).toHaveLength(expected.length);
          events.forEach((e, i) => expect(e).toMatchObject(expected[i]!));
          return events.reduce<Item | null>((item, e: ItemEvent) => evolve(item, e), before)!;
        },
        /** The action is refused with `code` and changes nothing. */
        thenRefused(code: DomainErrorCode): DomainError {
          let caught: unknown;
          try {
            attempt();
          } catch (e) {
            caught = e;
          }
          expect(caught, `expected refusal ${code}`).toBeInstanceOf(DomainError);
          const err = caught as DomainError;
          expect(err.code, err.message).toBe(code);
          expect(err.message.length).toBeGreaterThan(0);
          expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/u);
          return err;
        },
      };
    },
  };
}
