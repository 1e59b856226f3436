import { Migration } from '@mikro-orm/migrations';

export class Migration20261123162824_access extends Migration {

  override name = 'Migration20261123162824_access';

  override up(): void | Promise<void> {
    this.addSql(`create table "account" ("id" uuid not null, "login" varchar(100) not null, "kind" text not null, "email" varchar(320) null, "display_name" varchar(255) null, "password_hash" text null, "site_admin" boolean not null default false, "disabled_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);
    this.addSql(`create unique index "account_login_lower_unique" on "account" (lower("login"));`);

    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "token_hash" bytea not null, "prefix" varchar(12) not null, "scope" text not null, "dataset_id" uuid null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "api_token_user_id_index" on "api_token" ("user_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "dataset_commit" ("dataset_id" uuid not null, "commit_id" bytea not null, primary key ("dataset_id", "commit_id"));`);

    this.addSql(`create table "org_member" ("org_id" uuid not null, "user_id" uuid not null, "role" text not null, primary key ("org_id", "user_id"));`);
    this.addSql(`create index "org_member_user_id_index" on "org_member" ("user_id");`);

    this.addSql(`create table "session" ("id" uuid not null, "user_id" uuid not null, "token_hash" bytea not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "team" ("id" uuid not null, "org_id" uuid not null, "name" varchar(100) not null, primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_org_id_name_unique" unique ("org_id", "name");`);

    this.addSql(`create table "dataset_grant" ("id" uuid not null, "dataset_id" uuid not null, "user_id" uuid null, "team_id" uuid null, "role" text not null, primary key ("id"));`);
    this.addSql(`create index "dataset_grant_user_id_index" on "dataset_grant" ("user_id");`);
    this.addSql(`create index "dataset_grant_team_id_index" on "dataset_grant" ("team_id");`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_user_unique" unique ("dataset_id", "user_id");`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_team_unique" unique ("dataset_id", "team_id");`);

    this.addSql(`create table "team_member" ("team_id" uuid not null, "user_id" uuid not null, primary key ("team_id", "user_id"));`);
    this.addSql(`create index "team_member_user_id_index" on "team_member" ("user_id");`);

    this.addSql(`alter table "dataset" add "visibility" text not null default 'private';`);
    this.addSql(`alter table "dataset" add constraint "dataset_visibility_check" check ("visibility" in ('private', 'internal', 'public'));`);

    this.addSql(`alter table "account" add constraint "account_kind_check" check ("kind" in ('user', 'organization'));`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "account" ("id") on delete cascade;`);
    this.addSql(`alter table "api_token" add constraint "api_token_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "api_token" add constraint "api_token_scope_check" check ("scope" in ('read', 'write', 'admin'));`);

    this.addSql(`alter table "dataset_commit" add constraint "dataset_commit_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);

    this.addSql(`alter table "org_member" add constraint "org_member_org_id_foreign" foreign key ("org_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "org_member" add constraint "org_member_user_id_foreign" foreign key ("user_id") references "account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "org_member" add constraint "org_member_role_check" check ("role" in ('owner', 'member'));`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "account" ("id") on delete cascade;`);

    this.addSql(`alter table "team" add constraint "team_org_id_foreign" foreign key ("org_id") references "account" ("id") on delete cascade;`);

    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_user_id_foreign" foreign key ("user_id") references "account" ("id") on delete cascade;`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete cascade;`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_one_grantee" check (("user_id" is null) <> ("team_id" is null));`);
    this.addSql(`alter table "dataset_grant" add constraint "dataset_grant_role_check" check ("role" in ('read', 'write', 'admin'));`);

    this.addSql(`alter table "team_member" add constraint "team_member_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "team_member" add constraint "team_member_user_id_foreign" foreign key ("user_id") references "account" ("id") on update cascade on delete cascade;`);

    // Every existing owner becomes an organization with no members (site admins administer it),
    // one per login whatever its case; datasets stay as they were, private (the new default).
    this.addSql(`insert into "account" ("id", "login", "kind", "created_at")
      select gen_random_uuid(), min("owner" collate "C"), 'organization', now() from "dataset" group by lower("owner");`);
    // The commits every ref reaches belong to its dataset: walk their parents (commits are canonical JSON).
    this.addSql(`insert into "dataset_commit" ("dataset_id", "commit_id")
      with recursive "reached" ("dataset_id", "commit_id") as (
        select "dataset_id", "commit_id" from "ref"
        union
        select "reached"."dataset_id", decode("parent"."id", 'hex')
          from "reached"
          join "object" on "object"."id" = "reached"."commit_id" and "object"."kind" = 2
          cross join lateral jsonb_array_elements_text(convert_from("object"."data", 'UTF8')::jsonb -> 'parents') as "parent" ("id")
      )
      select "dataset_id", "commit_id" from "reached";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);
    this.addSql(`alter table "org_member" drop constraint "org_member_org_id_foreign";`);
    this.addSql(`alter table "org_member" drop constraint "org_member_user_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "team" drop constraint "team_org_id_foreign";`);
    this.addSql(`alter table "dataset_grant" drop constraint "dataset_grant_user_id_foreign";`);
    this.addSql(`alter table "team_member" drop constraint "team_member_user_id_foreign";`);
    this.addSql(`alter table "dataset_grant" drop constraint "dataset_grant_team_id_foreign";`);
    this.addSql(`alter table "team_member" drop constraint "team_member_team_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "api_token" cascade;`);
    this.addSql(`drop table if exists "dataset_commit" cascade;`);
    this.addSql(`drop table if exists "org_member" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "dataset_grant" cascade;`);
    this.addSql(`drop table if exists "team_member" cascade;`);

    this.addSql(`alter table "dataset" drop constraint "dataset_visibility_check";`);
    this.addSql(`alter table "dataset" drop column "visibility";`);
  }

}
