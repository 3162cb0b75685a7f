/** /catalogue/<service>.json: the action names and condition keys of one service. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogueActions, catalogueConditionKeys, catalogueServices } from '../../../scripts/catalogue.ts';

export const getStaticPaths: GetStaticPaths = () => catalogueServices().map((service) => ({ params: { service } }));

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify({
  actions: catalogueActions(String(params.service)),
  conditionKeys: catalogueConditionKeys(String(params.service)),
}));
