/** The snapshots slice (see types.ts): saved views, their file format and the list's state. */
export * from './types';
export * from './utils';
