import { Migration } from '@mikro-orm/migrations';

export class Migration20261123225436_webhooks extends Migration {

  override name = 'Migration20261123225436_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table "dispatch_cursor" ("name" varchar(50) not null, "seq" bigint not null, primary key ("name"));`);
    // The webhook dispatcher starts at the log's head: no webhook existed before.
    this.addSql(`insert into "dispatch_cursor" ("name", "seq") select 'webhooks', coalesce(max("seq"), 0) from "audit_event";`);

    this.addSql(`create table "webhook" ("id" uuid not null, "dataset_id" uuid not null, "url" varchar(2000) not null, "secret" varchar(200) not null, "actions" jsonb not null, "active" boolean not null, "creator_id" uuid null, "since_seq" bigint not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_creator_id_index" on "webhook" ("creator_id");`);
    this.addSql(`create index "webhook_dataset_index" on "webhook" ("dataset_id", "created_at");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "webhook_id" uuid not null, "event_seq" bigint not null, "action" varchar(100) not null, "state" varchar(20) not null, "attempts" int not null, "job_id" uuid null, "response_status" int null, "response_body" text null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_recent_index" on "webhook_delivery" ("webhook_id", "created_at");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_unique" unique ("webhook_id", "event_seq");`);

    this.addSql(`alter table "webhook" add constraint "webhook_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook" add constraint "webhook_creator_id_foreign" foreign key ("creator_id") references "account" ("id") on delete set null;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "webhook" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`drop table if exists "dispatch_cursor" cascade;`);
    this.addSql(`drop table if exists "webhook" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
  }

}
