import { Migration } from '@mikro-orm/migrations';

export class Migration20261123192224_collaboration extends Migration {

  override name = 'Migration20261123192224_collaboration';

  override up(): void | Promise<void> {
    this.addSql(`create table "dataset_number" ("dataset_id" uuid not null, "last_number" int not null, primary key ("dataset_id"));`);

    this.addSql(`create table "thread" ("id" uuid not null, "dataset_id" uuid not null, "number" int not null, "kind" text not null, "title" varchar(300) not null, "body" text not null, "author_id" uuid null, "state" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "thread_author_id_index" on "thread" ("author_id");`);
    this.addSql(`create index "thread_dataset_kind_state_index" on "thread" ("dataset_id", "kind", "state", "number");`);
    this.addSql(`alter table "thread" add constraint "thread_dataset_number_unique" unique ("dataset_id", "number");`);

    this.addSql(`alter table "dataset_number" add constraint "dataset_number_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "thread" add constraint "thread_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "thread" add constraint "thread_author_id_foreign" foreign key ("author_id") references "account" ("id") on delete set null;`);
    this.addSql(`alter table "thread" add constraint "thread_merged_is_a_proposal" check ("state" <> 'merged' or "kind" = 'proposal');`);
    this.addSql(`alter table "thread" add constraint "thread_kind_check" check ("kind" in ('issue', 'proposal'));`);
    this.addSql(`alter table "thread" add constraint "thread_state_check" check ("state" in ('open', 'closed', 'merged'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dataset_number" cascade;`);
    this.addSql(`drop table if exists "thread" cascade;`);
  }

}
