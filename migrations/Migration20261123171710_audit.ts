import { Migration } from '@mikro-orm/migrations';

export class Migration20261123171710_audit extends Migration {

  override name = 'Migration20261123171710_audit';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("seq" bigint not null, "at" timestamptz not null, "actor_kind" text not null, "actor_id" uuid null, "actor_login" varchar(100) null, "token_id" uuid null, "action" varchar(100) not null, "dataset_id" uuid null, "subject" varchar(300) null, "data" text not null, "prev_hash" bytea not null, "hash" bytea not null, primary key ("seq"));`);
    this.addSql(`create index "audit_event_dataset_id_index" on "audit_event" ("dataset_id");`);

    this.addSql(`create table "audit_head" ("id" smallint not null, "seq" bigint not null, "hash" bytea not null, primary key ("id"));`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_kind_check" check ("actor_kind" in ('anonymous', 'operator', 'user'));`);

    // The chain starts from 32 zero bytes: the first event's prev_hash.
    this.addSql(`insert into "audit_head" ("id", "seq", "hash") values (1, 0, decode(repeat('00', 32), 'hex'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "audit_head" cascade;`);
  }

}
