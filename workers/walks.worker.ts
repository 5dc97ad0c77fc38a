/** Walk worker: a thin adapter exposing src/runtime/walk-pool-jobs.ts (graph build, walks, explain). */
import { exposeJobs } from './runtime';
import { createWalkJobs } from '../src/runtime/walk-pool-jobs';

exposeJobs(createWalkJobs());
