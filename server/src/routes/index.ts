/** Every feature's route plugin, registered by app.ts in this order. Add a feature's plugin here. */
import type { FastifyPluginAsync } from 'fastify';
import { cypherRoutes } from './cypher';
import { extractRoutes } from './extract';
import { graphRoutes } from './graph';
import { snapshotRoutes } from './snapshots';

export const routePlugins: FastifyPluginAsync[] = [graphRoutes, snapshotRoutes, cypherRoutes, extractRoutes];
