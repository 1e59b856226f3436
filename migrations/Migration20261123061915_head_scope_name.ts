import { Migration } from '@mikro-orm/migrations';

export class Migration20261123061915_head_scope_name extends Migration {

  override name = 'Migration20261123061915_head_scope_name';

  override up(): void | Promise<void> {
    this.addSql(`alter table "head_scope" drop constraint "head_scope_dataset_branch_unique";`);
    this.addSql(`alter table "head_scope" rename column "branch" to "name";`);
    this.addSql(`alter table "head_scope" add constraint "head_scope_dataset_name_unique" unique ("dataset_id", "name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "head_scope" drop constraint "head_scope_dataset_name_unique";`);
    this.addSql(`alter table "head_scope" rename column "name" to "branch";`);
    this.addSql(`alter table "head_scope" add constraint "head_scope_dataset_branch_unique" unique ("dataset_id", "branch");`);
  }

}
