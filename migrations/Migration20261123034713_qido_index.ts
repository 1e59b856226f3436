import { Migration } from '@mikro-orm/migrations';

export class Migration20261123034713_qido_index extends Migration {

  override name = 'Migration20261123034713_qido_index';

  override up(): void | Promise<void> {
    this.addSql(`create table "indexed_tree" ("tree_id" bytea not null, primary key ("tree_id"));`);

    this.addSql(`create table "series_index" ("dir_id" bytea not null, "first_file" bytea not null, "attrs" jsonb not null, "search" jsonb not null, primary key ("dir_id"));`);

    this.addSql(`create table "study_index" ("dir_id" bytea not null, "first_file" bytea not null, "attrs" jsonb not null, "search" jsonb not null, primary key ("dir_id"));`);

    this.addSql(`create table "tree_edge" ("node_id" bytea not null, "name" text not null, "child_id" bytea not null, "kind" smallint not null, primary key ("node_id", "name"));`);
    this.addSql(`create index "tree_edge_child_id_index" on "tree_edge" ("child_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "indexed_tree" cascade;`);
    this.addSql(`drop table if exists "series_index" cascade;`);
    this.addSql(`drop table if exists "study_index" cascade;`);
    this.addSql(`drop table if exists "tree_edge" cascade;`);
  }

}
