/** Pfeed's item encoders (SIMO / SISO): config, content tokens, the transformer, catalogue embedding. */
export * from './config';
export * from './content-tokens';
export * from './encoder';
export * from './embed';
export * from './roles';
