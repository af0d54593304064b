/** Exports of the graph on screen: images (PNG, SVG), data (GEXF, GraphML, JSON, CSV) and the helpers behind them. */
export * from './scene';
export * from './frame';
export * from './labels';
export { writeSvg, xmlEscape } from './svg';
export * from './csv';
export * from './data';
export * from './footnote';
export * from './fromSigma';
export * from './png';
export * from './download';
