import { Migration } from '@mikro-orm/migrations';

export class Migration20261123225235_forks extends Migration {

  override name = 'Migration20261123225235_forks';

  override up(): void | Promise<void> {
    this.addSql(`alter table "dataset" add "forked_from_id" uuid null, add "lineage_id" uuid null;`);
    this.addSql(`alter table "dataset" add constraint "dataset_forked_from_id_foreign" foreign key ("forked_from_id") references "dataset" ("id") on delete set null;`);
    this.addSql(`create index "dataset_forked_from_index" on "dataset" ("forked_from_id");`);

    this.addSql(`alter table "proposal" add "source_dataset_id" uuid null;`);
    // Every proposal before forks proposed a branch of its own dataset.
    this.addSql(`update "proposal" set "source_dataset_id" = "dataset_id";`);
    this.addSql(`alter table "proposal" add constraint "proposal_source_dataset_id_foreign" foreign key ("source_dataset_id") references "dataset" ("id") on delete set null;`);
    this.addSql(`create index "proposal_source_dataset_index" on "proposal" ("source_dataset_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "dataset" drop constraint "dataset_forked_from_id_foreign";`);

    this.addSql(`alter table "proposal" drop constraint "proposal_source_dataset_id_foreign";`);

    this.addSql(`drop index "dataset_forked_from_index";`);
    this.addSql(`alter table "dataset" drop column "forked_from_id", drop column "lineage_id";`);

    this.addSql(`drop index "proposal_source_dataset_index";`);
    this.addSql(`alter table "proposal" drop column "source_dataset_id";`);
  }

}
