/** /catalogue/index.json: every service prefix of the action catalogue. */
import type { APIRoute } from 'astro';
import { catalogueServices } from '../../../scripts/catalogue.ts';

export const GET: APIRoute = () => new Response(JSON.stringify({ services: catalogueServices() }));
