/**
 * 考核 of inspection: coverage (rounds recorded on time ÷ rounds due) and hazards found per round. A round is
 * due (应检) once its due day has passed, or earlier when it is recorded — the rule 按期办结率 applies to items.
 */
import type { LocalDate } from '../ids.js';

export interface RoundFact {
  readonly roundId: string;
  readonly dueOn: LocalDate;
  /** Local day it was recorded; null while not recorded. */
  readonly recordedOn: LocalDate | null;
  /** Failed lines (hazards opened); null while not recorded. */
  readonly failed: number | null;
}

export interface InspectionCoverage {
  /** Rounds due: due day passed, or recorded. */
  readonly due: number;
  readonly recorded: number;
  readonly onTime: number;
  readonly late: number;
  /** Due, not recorded: the ids, so the figure drills down to its rounds. */
  readonly missed: readonly string[];
  /** onTime ÷ due; null when nothing is due. */
  readonly coverageRate: number | null;
  readonly hazards: number;
  /** hazards ÷ recorded; null when nothing is recorded. */
  readonly hazardsPerRound: number | null;
}

/** The coverage figures of a set of rounds on `today`. */
export function inspectionCoverage(rounds: readonly RoundFact[], today: LocalDate): InspectionCoverage {
  let due = 0;
  let recorded = 0;
  let onTime = 0;
  let hazards = 0;
  const missed: string[] = [];
  for (const r of rounds) {
    if (r.recordedOn !== null) {
      due++;
      recorded++;
      if (r.recordedOn <= r.dueOn) onTime++;
      hazards += r.failed ?? 0;
    } else if (r.dueOn < today) {
      due++;
      missed.push(r.roundId);
    }
  }
  return {
    due,
    recorded,
    onTime,
    late: recorded - onTime,
    missed,
    coverageRate: due === 0 ? null : onTime / due,
    hazards,
    hazardsPerRound: recorded === 0 ? null : hazards / recorded,
  };
}
