import { describe, expect, it } from 'vitest';
import { availableActions } from './available.js';
import { A, at, ctxFor, run, STORY, type Step } from './spec/fixtures.js';

const actions = (steps: readonly Step[], who: (typeof A)[keyof typeof A], now = at(2)) => availableActions(run(steps).item, ctxFor(who, { now }));

describe(availableActions.name, () => {
  it('offers the supervisor edit, assign and cancel on a draft, and nothing to a handler', () => {
    expect(actions(STORY.draft, A.supDcs)).toEqual(['EditDraft', 'AssignItem', 'CancelItem']);
    expect(actions(STORY.draft, A.handlerAjj)).toEqual([]);
  });

  it('offers the lead unit accept or return once assigned, and a co-unit nothing yet', () => {
    expect(actions(STORY.assigned, A.handlerAjj)).toEqual(['AcceptItem', 'ReturnItem']);
    expect(actions(STORY.assigned, A.handlerSthj)).toEqual([]);
  });

  it('offers the lead unit report, extension, closure and a return request while in progress; extension no longer once the deadline passed', () => {
    expect(actions(STORY.inProgress, A.handlerAjj)).toEqual(['ReportProgress', 'RequestExtension', 'RequestClosure', 'RequestReturn']);
    expect(actions(STORY.inProgress, A.handlerAjj, at(40))).toEqual(['ReportProgress', 'RequestClosure', 'RequestReturn']);
    expect(actions(STORY.inProgress, A.handlerSthj)).toEqual(['ReportAsCoUnit']);
    expect(actions(STORY.inProgress, A.leaderCity)).toEqual(['GiveInstruction']);
    expect(actions(STORY.inProgress, A.supDcs)).toEqual(['EditItem', 'CancelItem', 'UrgeItem', 'TransferItem', 'ListItem']);
  });

  it('offers only 回头看 on a closed item, to its supervisor', () => {
    expect(actions(STORY.closed, A.supDcs, at(30))).toEqual(['ReopenItem']);
    expect(actions(STORY.closed, A.handlerAjj, at(30))).toEqual([]);
  });

  it("offers nothing to another district's handler or to the auditor", () => {
    expect(actions(STORY.inProgress, A.handlerWestAjj)).toEqual([]);
    expect(actions(STORY.inProgress, A.auditor)).toEqual([]);
  });
});
