import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per database: the identity of this Strata installation, created by the first start.
 * Logs and /readyz report it, so two processes can tell whether they share a database.
 */
export const InstallationSchema = defineEntity({
  name: 'Installation',
  tableName: 'installation',
  properties: {
    id: p.uuid().primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** The Strata version that created the database. */
    createdBy: p.string().length(64),
  },
});

export class Installation extends InstallationSchema.class {}
InstallationSchema.setClass(Installation);
