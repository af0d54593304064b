/** Every feature's route plugin, registered by app.ts in this order. Add a feature's plugin here. */
import type { FastifyPluginAsync } from 'fastify';
import { catalogRoutes } from './catalog';
import { cypherRoutes } from './cypher';
import { duplicateRoutes } from './duplicates';
import { extractRoutes } from './extract';
import { extractDatasetRoutes } from './extractDataset';
import { graphRoutes } from './graph';
import { importRoutes } from './imports';
import { sessionRoutes } from './session';
import { snapshotRoutes } from './snapshots';

export const routePlugins: FastifyPluginAsync[] = [
  graphRoutes,
  snapshotRoutes,
  cypherRoutes,
  duplicateRoutes,
  importRoutes(),
  catalogRoutes,
  extractRoutes,
  extractDatasetRoutes,
  sessionRoutes,
];
