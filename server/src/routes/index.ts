/** Every feature's route plugin, registered by app.ts in this order. Add a feature's plugin here. */
import type { FastifyPluginAsync } from 'fastify';
import { cypherRoutes } from './cypher';
import { graphRoutes } from './graph';
import { importRoutes } from './imports';
import { snapshotRoutes } from './snapshots';

// importRoutes({ possibleDuplicates }) takes the duplicate finder's hook once it exists (server/src/duplicates/).
export const routePlugins: FastifyPluginAsync[] = [graphRoutes, snapshotRoutes, cypherRoutes, importRoutes()];
