import { Migration } from '@mikro-orm/migrations';

export class Migration20261123015525_versioning extends Migration {

  override name = 'Migration20261123015525_versioning';

  override up(): void | Promise<void> {
    this.addSql(`create table "dataset" ("id" uuid not null, "owner" varchar(100) not null, "name" varchar(100) not null, "default_branch" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "dataset" add constraint "dataset_owner_name_unique" unique ("owner", "name");`);

    this.addSql(`create table "ref" ("dataset_id" uuid not null, "name" varchar(255) not null, "kind" text not null, "commit_id" bytea not null, "updated_at" timestamptz not null, primary key ("dataset_id", "name"));`);

    this.addSql(`create table "file" ("id" bytea not null, "size" bigint not null, "parts" bytea not null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "object" ("id" bytea not null, "kind" smallint not null, "data" bytea not null, primary key ("id"));`);

    this.addSql(`alter table "ref" add constraint "ref_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "ref" add constraint "ref_kind_check" check ("kind" in ('branch', 'tag'));`);

    // Tags are immutable in the database itself, not only by convention of the code.
    this.addSql(`create function "strata_refuse_tag_update"() returns trigger language plpgsql as $$
      begin
        if old."kind" = 'tag' then
          raise exception 'tag % is immutable', old."name" using errcode = 'check_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger "ref_tags_immutable" before update on "ref" for each row execute function "strata_refuse_tag_update"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "ref_tags_immutable" on "ref";`);
    this.addSql(`drop function if exists "strata_refuse_tag_update"();`);
    this.addSql(`alter table "ref" drop constraint "ref_dataset_id_foreign";`);

    this.addSql(`drop table if exists "dataset" cascade;`);
    this.addSql(`drop table if exists "ref" cascade;`);
    this.addSql(`drop table if exists "file" cascade;`);
    this.addSql(`drop table if exists "object" cascade;`);
  }

}
