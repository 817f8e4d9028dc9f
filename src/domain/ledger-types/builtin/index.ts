import type { LedgerType } from '../definition.js';
import { APPEAL } from './appeal.js';
import { DIRECTIVE } from './directive.js';
import { DISPUTE } from './dispute.js';
import { HAZARD } from './hazard.js';
import { RECTIFICATION } from './rectification.js';
import { SCHOOL_PLAN } from './school-plan.js';
import { SIGNAL } from './signal.js';

/** The seven built-in ledger types of DESIGN.md, in its order. */
export const BUILTIN_LEDGER_TYPES: readonly LedgerType[] = [DIRECTIVE, RECTIFICATION, HAZARD, DISPUTE, APPEAL, SIGNAL, SCHOOL_PLAN];
