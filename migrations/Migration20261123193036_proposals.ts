import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193036_proposals extends Migration {

  override name = 'Migration20261123193036_proposals';

  override up(): void | Promise<void> {
    this.addSql(`create table "commit_status" ("dataset_id" uuid not null, "commit_id" bytea not null, "context" varchar(100) not null, "state" text not null, "description" varchar(300) null, "target_url" varchar(2000) null, "creator_id" uuid null, "updated_at" timestamptz not null, primary key ("dataset_id", "commit_id", "context"));`);
    this.addSql(`create index "commit_status_creator_index" on "commit_status" ("creator_id");`);

    this.addSql(`create table "branch_protection" ("id" uuid not null, "dataset_id" uuid not null, "pattern" varchar(255) not null, "required_approvals" smallint not null, "dismiss_stale_reviews" boolean not null, "block_direct_writes" boolean not null, "required_checks" jsonb not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "branch_protection" add constraint "branch_protection_pattern_unique" unique ("dataset_id", "pattern");`);

    this.addSql(`create table "review" ("id" uuid not null, "thread_id" uuid not null, "reviewer_id" uuid null, "verdict" text not null, "body" text not null, "commit_id" bytea not null, "created_at" timestamptz not null, "dismissed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "review_reviewer_index" on "review" ("reviewer_id");`);
    this.addSql(`create index "review_thread_index" on "review" ("thread_id", "created_at");`);

    this.addSql(`create table "proposal" ("thread_id" uuid not null, "dataset_id" uuid not null, "source_branch" varchar(255) not null, "target_branch" varchar(255) not null, "head_commit" bytea not null, "base_commit" bytea null, "merge_commit" bytea null, "merge_method" text null, "merged_by_id" uuid null, "merged_at" timestamptz null, primary key ("thread_id"));`);
    this.addSql(`create index "proposal_merged_by_index" on "proposal" ("merged_by_id");`);
    this.addSql(`create index "proposal_dataset_source_index" on "proposal" ("dataset_id", "source_branch");`);

    this.addSql(`alter table "commit_status" add constraint "commit_status_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "commit_status" add constraint "commit_status_creator_id_foreign" foreign key ("creator_id") references "account" ("id") on delete set null;`);
    this.addSql(`alter table "commit_status" add constraint "commit_status_state_check" check ("state" in ('pending', 'success', 'failure', 'error'));`);

    this.addSql(`alter table "branch_protection" add constraint "branch_protection_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);

    this.addSql(`alter table "review" add constraint "review_thread_id_foreign" foreign key ("thread_id") references "thread" ("id") on delete cascade;`);
    this.addSql(`alter table "review" add constraint "review_reviewer_id_foreign" foreign key ("reviewer_id") references "account" ("id") on delete set null;`);
    this.addSql(`alter table "review" add constraint "review_verdict_check" check ("verdict" in ('approve', 'request-changes', 'comment'));`);

    this.addSql(`alter table "proposal" add constraint "proposal_thread_id_foreign" foreign key ("thread_id") references "thread" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "proposal" add constraint "proposal_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);
    this.addSql(`alter table "proposal" add constraint "proposal_merged_by_id_foreign" foreign key ("merged_by_id") references "account" ("id") on delete set null;`);
    this.addSql(`alter table "proposal" add constraint "proposal_merge_method_check" check ("merge_method" in ('merge', 'fast-forward'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "commit_status" cascade;`);
    this.addSql(`drop table if exists "branch_protection" cascade;`);
    this.addSql(`drop table if exists "review" cascade;`);
    this.addSql(`drop table if exists "proposal" cascade;`);
  }

}
