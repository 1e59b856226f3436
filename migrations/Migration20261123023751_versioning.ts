import { Migration } from '@mikro-orm/migrations';

export class Migration20261123023751_versioning extends Migration {

  override name = 'Migration20261123023751_versioning';

  override up(): void | Promise<void> {
    this.addSql(`create table "dataset" ("id" uuid not null, "owner" varchar(100) not null, "name" varchar(100) not null, "default_branch" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "dataset" add constraint "dataset_owner_name_unique" unique ("owner", "name");`);

    this.addSql(`create table "instance_metadata" ("file_id" bytea not null, "study_instance_uid" varchar(64) not null, "series_instance_uid" varchar(64) not null, "sop_instance_uid" varchar(64) not null, "sop_class_uid" varchar(64) not null, "transfer_syntax_uid" varchar(64) not null, "number_of_frames" int not null, "header_end" bigint not null, "attributes" jsonb not null, "pixel_data" jsonb null, primary key ("file_id"));`);
    this.addSql(`create index "instance_metadata_study_instance_uid_index" on "instance_metadata" ("study_instance_uid");`);
    this.addSql(`create index "instance_metadata_series_instance_uid_index" on "instance_metadata" ("series_instance_uid");`);
    this.addSql(`create index "instance_metadata_sop_instance_uid_index" on "instance_metadata" ("sop_instance_uid");`);

    this.addSql(`create table "ref" ("dataset_id" uuid not null, "name" varchar(255) not null, "kind" text not null, "commit_id" bytea not null, "updated_at" timestamptz not null, primary key ("dataset_id", "name"));`);

    this.addSql(`create table "file" ("id" bytea not null, "size" bigint not null, "parts" bytea not null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "object" ("id" bytea not null, "kind" smallint not null, "data" bytea not null, primary key ("id"));`);

    this.addSql(`alter table "ref" add constraint "ref_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "ref" add constraint "ref_kind_check" check ("kind" in ('branch', 'tag'));`);
    this.addSql(`create or replace function "ref_tags_immutable_fn"() returns trigger as \$\$ begin if old.kind = 'tag' then raise exception 'tag % is immutable', old.name using errcode = 'check_violation'; end if; return new; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "tags_immutable" BEFORE UPDATE on "ref" for each ROW execute function "ref_tags_immutable_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ref" drop constraint "ref_dataset_id_foreign";`);

    this.addSql(`drop table if exists "dataset" cascade;`);
    this.addSql(`drop table if exists "instance_metadata" cascade;`);
    this.addSql(`drop trigger if exists "tags_immutable" on "ref";`);
    this.addSql(`drop function if exists "ref_tags_immutable_fn"();`);
    this.addSql(`drop table if exists "ref" cascade;`);
    this.addSql(`drop table if exists "file" cascade;`);
    this.addSql(`drop table if exists "object" cascade;`);
  }

}
