import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193259_discussion extends Migration {

  override name = 'Migration20261123193259_discussion';

  override up(): void | Promise<void> {
    this.addSql(`create table "label" ("id" uuid not null, "dataset_id" uuid not null, "name" varchar(50) not null, "name_key" varchar(50) not null, "color" varchar(6) not null, "description" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "label" add constraint "label_dataset_name_key_unique" unique ("dataset_id", "name_key");`);

    this.addSql(`create table "release" ("id" uuid not null, "dataset_id" uuid not null, "tag" varchar(255) not null, "commit_id" bytea not null, "tree_id" bytea not null, "title" varchar(300) not null, "notes" text not null, "citation" jsonb not null, "studies" int not null, "series" int not null, "instances" int not null, "bytes" bigint not null, "author_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "release_author_id_index" on "release" ("author_id");`);
    this.addSql(`create index "release_dataset_created_index" on "release" ("dataset_id", "created_at", "id");`);
    this.addSql(`alter table "release" add constraint "release_dataset_tag_unique" unique ("dataset_id", "tag");`);

    this.addSql(`create table "comment" ("id" uuid not null, "dataset_id" uuid not null, "thread_id" uuid not null, "author_id" uuid null, "body" text not null, "anchor_commit" bytea null, "anchor_study" varchar(64) null, "anchor_series" varchar(64) null, "anchor_instance" varchar(64) null, "anchor_frame" int null, "anchor_region" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "comment_author_id_index" on "comment" ("author_id");`);
    this.addSql(`create index "comment_thread_order_index" on "comment" ("thread_id", "created_at", "id");`);
    this.addSql(`create index "comment_anchor_index" on "comment" ("dataset_id", "anchor_study", "anchor_series", "anchor_instance");`);

    this.addSql(`create table "thread_assignee" ("thread_id" uuid not null, "account_id" uuid not null, primary key ("thread_id", "account_id"));`);
    this.addSql(`create index "thread_assignee_account_id_index" on "thread_assignee" ("account_id");`);

    this.addSql(`create table "thread_label" ("thread_id" uuid not null, "label_id" uuid not null, primary key ("thread_id", "label_id"));`);
    this.addSql(`create index "thread_label_label_id_index" on "thread_label" ("label_id");`);

    this.addSql(`alter table "label" add constraint "label_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);

    this.addSql(`alter table "release" add constraint "release_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "release" add constraint "release_author_id_foreign" foreign key ("author_id") references "account" ("id") on delete set null;`);

    this.addSql(`alter table "comment" add constraint "comment_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "comment" add constraint "comment_thread_id_foreign" foreign key ("thread_id") references "thread" ("id") on delete cascade;`);
    this.addSql(`alter table "comment" add constraint "comment_author_id_foreign" foreign key ("author_id") references "account" ("id") on delete set null;`);

    this.addSql(`alter table "thread_assignee" add constraint "thread_assignee_thread_id_foreign" foreign key ("thread_id") references "thread" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "thread_assignee" add constraint "thread_assignee_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "thread_label" add constraint "thread_label_thread_id_foreign" foreign key ("thread_id") references "thread" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "thread_label" add constraint "thread_label_label_id_foreign" foreign key ("label_id") references "label" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "thread_label" drop constraint "thread_label_label_id_foreign";`);

    this.addSql(`drop table if exists "label" cascade;`);
    this.addSql(`drop table if exists "release" cascade;`);
    this.addSql(`drop table if exists "comment" cascade;`);
    this.addSql(`drop table if exists "thread_assignee" cascade;`);
    this.addSql(`drop table if exists "thread_label" cascade;`);
  }

}
