import { Migration } from '@mikro-orm/migrations';

export class Migration20261123051337_qido_fast_path extends Migration {

  override name = 'Migration20261123051337_qido_fast_path';

  override up(): void | Promise<void> {
    this.addSql(`create table "head_scope" ("id" serial primary key, "dataset_id" uuid not null, "branch" varchar(255) not null, "tree_id" bytea null, "commit_id" bytea null);`);
    this.addSql(`alter table "head_scope" add constraint "head_scope_dataset_branch_unique" unique ("dataset_id", "branch");`);

    this.addSql(`create table "head_study" ("scope_id" int not null, "name" text collate "C" not null, "dir_id" bytea not null, "patient_name1" text collate "C" null, "patient_name2" text collate "C" null, "patient_name3" text collate "C" null, "patient_id" text collate "C" null, "study_date" text collate "C" null, "study_time" text collate "C" null, "accession_number" text collate "C" null, "study_id" text collate "C" null, primary key ("scope_id", "name"));`);
    this.addSql(`create index "head_study_scope_dir_index" on "head_study" ("scope_id", "dir_id");`);
    this.addSql(`create index "head_study_pn1_index" on "head_study" ("scope_id", "patient_name1");`);
    this.addSql(`create index "head_study_pn2_index" on "head_study" ("scope_id", "patient_name2");`);
    this.addSql(`create index "head_study_pn3_index" on "head_study" ("scope_id", "patient_name3");`);
    this.addSql(`create index "head_study_patient_id_index" on "head_study" ("scope_id", "patient_id");`);
    this.addSql(`create index "head_study_study_date_index" on "head_study" ("scope_id", "study_date");`);
    this.addSql(`create index "head_study_study_time_index" on "head_study" ("scope_id", "study_time");`);
    this.addSql(`create index "head_study_accession_index" on "head_study" ("scope_id", "accession_number");`);
    this.addSql(`create index "head_study_study_id_index" on "head_study" ("scope_id", "study_id");`);

    this.addSql(`create table "study_key" ("dir_id" bytea not null, "tag" varchar(8) not null, "value" text collate "C" not null, primary key ("dir_id", "tag", "value"));`);
    this.addSql(`create index "study_key_tag_value_index" on "study_key" ("tag", "value", "dir_id");`);

    // Backfill: the matchable values of the studies indexed before this migration, as the
    // QidoIndexRepository writes them: person names as normalised groups (PatientName: its first
    // three), other values as text (the VM 1 keys that branch listings type: their first value),
    // the counts left out, values cut at 256 characters.
    this.addSql(`insert into "study_key" ("dir_id", "tag", "value")
      select st."dir_id", s."key", left(v."value", 256) from "study_index" st, jsonb_each(st."search") s("key", "vals"),
        jsonb_array_elements_text(s."vals") with ordinality v("value", "n")
      where s."key" <> '00100010' or v."n" <= 3
      union
      select st."dir_id", a."key", left(e."value" #>> '{}', 256) from "study_index" st, jsonb_each(st."attrs") a("key", "attr"),
        jsonb_array_elements(case when jsonb_typeof(a."attr"->'Value') = 'array' then a."attr"->'Value' else '[]'::jsonb end) with ordinality e("value", "n")
      where coalesce(a."attr"->>'vr', '') <> 'PN' and a."key" not in ('00201206', '00201208') and jsonb_typeof(e."value") in ('string', 'number')
        and (e."n" = 1 or a."key" not in ('00080020', '00080030', '00080050', '00100020', '00200010'))
      on conflict do nothing;`);

    this.addSql(`alter table "head_scope" add constraint "head_scope_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on delete cascade;`);

    this.addSql(`alter table "head_study" add constraint "head_study_scope_id_foreign" foreign key ("scope_id") references "head_scope" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "head_study" drop constraint "head_study_scope_id_foreign";`);

    this.addSql(`drop table if exists "head_scope" cascade;`);
    this.addSql(`drop table if exists "head_study" cascade;`);
    this.addSql(`drop table if exists "study_key" cascade;`);
  }

}
