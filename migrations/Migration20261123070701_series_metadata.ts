import { Migration } from '@mikro-orm/migrations';

export class Migration20261123070701_series_metadata extends Migration {

  override name = 'Migration20261123070701_series_metadata';

  override up(): void | Promise<void> {
    this.addSql(`create table "series_metadata" ("dir_id" bytea not null, "json" bytea not null, "instances" int not null, primary key ("dir_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "series_metadata" cascade;`);
  }

}
