// Prints the schema the resolvers make, for graphql/schema.graphql: `npm run schema:graphql`.
import { writeFile } from 'node:fs/promises';
import { printSchema } from 'graphql';
import { buildStrataSchema } from '../index.js';

const target = process.argv[2];
const text = printSchema(await buildStrataSchema()) + '\n';
if (target === undefined) process.stdout.write(text);
else await writeFile(target, text);
