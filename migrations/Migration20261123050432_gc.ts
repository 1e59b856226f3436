import { Migration } from '@mikro-orm/migrations';

export class Migration20261123050432_gc extends Migration {

  override name = 'Migration20261123050432_gc';

  override up(): void | Promise<void> {
    this.addSql(`create table "gc_mark" ("kind" smallint not null, "id" bytea not null, primary key ("kind", "id"));`);

    this.addSql(`alter table "file" add "touched_at" timestamptz not null default now();`);

    this.addSql(`alter table "object" add "touched_at" timestamptz not null default now();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "gc_mark" cascade;`);

    this.addSql(`alter table "file" drop column "touched_at";`);

    this.addSql(`alter table "object" drop column "touched_at";`);
  }

}
