import Fastify from 'fastify';
import { CiView } from '../../src/contracts/ci.contracts.js';

/** A route answering with a CI view through its response schema, as GET one CI did before its JSON was spliced. */
const viewApp = Fastify();
let view: unknown;
viewApp.get('/', { schema: { response: { 200: CiView } } }, () => view);

/** The bytes Fastify's own serializer writes for this CI view with the route's response schema. */
export async function schemaJson(v: unknown): Promise<string> {
  view = v;
  return (await viewApp.inject({ method: 'GET', url: '/' })).body;
}
