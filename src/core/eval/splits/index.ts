/** Protocol splits P1–P3 (PROTOCOLS.md) as pure functions of (dataset, options). */
export * from './time';
export * from './pairs';
export * from './groups';
export * from './co-engagement';
export * from './p1-item-to-item';
export * from './p2-shopper-to-item';
export * from './p3-pairs';
export * from './p3-split';
