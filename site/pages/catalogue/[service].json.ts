/** /catalogue/<service>.json: the action names of one service. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogueActions, catalogueServices } from '../../../scripts/catalogue.ts';

export const getStaticPaths: GetStaticPaths = () => catalogueServices().map((service) => ({ params: { service } }));

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify({ actions: catalogueActions(String(params.service)) }));
