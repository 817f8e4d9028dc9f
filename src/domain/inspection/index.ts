export * from './plan.js';
export * from './rounds.js';
export * from './results.js';
export * from './coverage.js';
