import { Migration } from '@mikro-orm/migrations';

export class Migration20261123224714_oidc extends Migration {

  override name = 'Migration20261123224714_oidc';

  override up(): void | Promise<void> {
    this.addSql(`create table "account_identity" ("id" uuid not null, "user_id" uuid not null, "issuer" varchar(2048) not null, "subject" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "account_identity_user_id_index" on "account_identity" ("user_id");`);
    this.addSql(`alter table "account_identity" add constraint "account_identity_issuer_subject_unique" unique ("issuer", "subject");`);

    this.addSql(`create table "oidc_flow" ("flow_hash" bytea not null, "state" varchar(100) not null, "nonce" varchar(100) not null, "code_verifier" varchar(128) not null, "return_to" text not null, "expires_at" timestamptz not null, primary key ("flow_hash"));`);
    this.addSql(`create index "oidc_flow_expires_at_index" on "oidc_flow" ("expires_at");`);

    this.addSql(`alter table "account_identity" add constraint "account_identity_user_id_foreign" foreign key ("user_id") references "account" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_identity" cascade;`);
    this.addSql(`drop table if exists "oidc_flow" cascade;`);
  }

}
