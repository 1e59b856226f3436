import { defineEntity, p } from '@mikro-orm/core';

/**
 * gc's scratch space: the ids its mark phase found reachable (`kind` 1 = object, 2 = file,
 * 3 = blob part), so the sweep can be set-based SQL however large the repository. Emptied at the
 * start and end of every run; one run at a time holds it (gc takes a lock).
 */
export const GcMarkSchema = defineEntity({
  name: 'GcMark',
  tableName: 'gc_mark',
  properties: {
    kind: p.smallint().primary(),
    id: p.blob().columnType('bytea').primary(),
  },
});

export class GcMark extends GcMarkSchema.class {}
GcMarkSchema.setClass(GcMark);
