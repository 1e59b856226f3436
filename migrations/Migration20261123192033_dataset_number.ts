import { Migration } from '@mikro-orm/migrations';

export class Migration20261123192033_dataset_number extends Migration {

  override name = 'Migration20261123192033_dataset_number';

  override up(): void | Promise<void> {
    this.addSql(`create table "dataset_number" ("dataset_id" uuid not null, "last_number" int not null, primary key ("dataset_id"));`);

    this.addSql(`alter table "dataset_number" add constraint "dataset_number_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dataset_number" cascade;`);
  }

}
