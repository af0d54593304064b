/**
 * graphology-gexf's writer alone: its browser entry also loads the parser, which needs a global DOMParser at
 * load time (absent in Node, where the unit tests run). The writer file ships no types of its own.
 */
import type { write } from 'graphology-gexf/browser';
// @ts-expect-error -- graphology-gexf/browser/writer.js has no declaration file; typed just below
import writer from 'graphology-gexf/browser/writer.js';

export const writeGexf = writer as typeof write;
