export { runParitySuite, type ParitySuiteResult } from './parity-suite';
export { runMemorySuite, type MemorySuiteResult } from './memory-suite';
export { runDeviceLossSuite, type DeviceLossSuiteResult } from './device-loss-suite';
export { runComputeBench, type ComputeBenchEntry, type ComputeBenchOptions } from './bench';
