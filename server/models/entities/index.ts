import { InstallationSchema } from './installation.js';

export { Installation } from './installation.js';

/** Every entity of the schema, in one list for the ORM and the migration generator. */
export const entities = [InstallationSchema];
