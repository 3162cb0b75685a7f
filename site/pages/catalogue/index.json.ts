/** /catalogue/index.json: every service prefix of the action catalogue, and the global condition keys. */
import type { APIRoute } from 'astro';
import { catalogueGlobalConditionKeys, catalogueServices } from '../../../scripts/catalogue.ts';

export const GET: APIRoute = () => new Response(JSON.stringify({ services: catalogueServices(), globalConditionKeys: catalogueGlobalConditionKeys() }));
