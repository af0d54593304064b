/** The explorer's store room: state (./store), actions (./actions), derived values (./derived), sources (./source). */
export * from './actions';
export * from './camera';
export * from './relationships';
export * from './derived';
export * from './group';
export * from './styled';
export * from './selection';
export * from './source';
export * from './store';
export * from './handoff';
