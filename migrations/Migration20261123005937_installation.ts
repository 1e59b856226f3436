import { Migration } from '@mikro-orm/migrations';

export class Migration20261123005937_installation extends Migration {

  override name = 'Migration20261123005937_installation';

  override up(): void | Promise<void> {
    this.addSql(`create table "installation" ("id" uuid not null, "created_at" timestamptz not null, "created_by" varchar(64) not null, primary key ("id"));`);
    // The installation's identity is made exactly once, by the migration itself, so concurrent
    // first starts cannot create two.
    this.addSql(`insert into "installation" ("id", "created_at", "created_by") values (gen_random_uuid(), now(), 'strata 0.1.0');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "installation" cascade;`);
  }

}
