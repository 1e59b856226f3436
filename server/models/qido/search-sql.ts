import type { Condition, Match, QidoQuery, QueryLevel } from '@strata/modules/qido';
import { UID_OF_LEVEL, levelDepth } from '@strata/modules/qido';

/**
 * Where a search reads a version's studies: the walk of a root tree; a listing while it is at
 * `commit`; or the listing named `name` (a branch, a tag, or `commit:<id>`) if it is at its ref's
 * commit when the statement runs (`head`: the usual query, in one statement).
 */
export type SearchSource =
  { tree: Uint8Array } | { scope: number; commit: Uint8Array } | { head: { dataset: string; name: string } };

/** Longest value kept in `study_key` (a B-tree entry has a size limit); longer values match on this prefix. */
export const STUDY_KEY_MAX_CHARS = 256;

/**
 * The study keys a branch listing (`head_study`) holds in typed, indexed columns, by tag: the
 * VM 1 keys QIDO clients filter by most, and PatientName's normalised groups (Alphabetic,
 * Ideographic, Phonetic: three). `study_key` holds the same values for them — the first value,
 * the first three groups — so a branch head and a walk of its tree answer alike.
 */
export const HEAD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  '00080020': ['study_date'],
  '00080030': ['study_time'],
  '00080050': ['accession_number'],
  '00100010': ['patient_name1', 'patient_name2', 'patient_name3'],
  '00100020': ['patient_id'],
  '00200010': ['study_id'],
};

/** A statement with `?` placeholders and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const EDGE_DIR = 1;
const EDGE_DICOM = 2;
const EDGE_CHUNK = 0;

/**
 * Renders a QIDO query at one version. Its studies come either from walking the version's root
 * directory's nodes (`tree_edge`, kind 0 = child node) to their directory entries, or, at a branch
 * head, from the branch's listing (`head_study`), where the planner can start from the candidates
 * an attribute condition finds in `study_key` and probe the listing for each — the plan of a plain
 * archive. Series and instances are one and two directory levels further down. Each level's
 * conditions filter as early as they can: a level's own UID is its directory name (the walk's key,
 * so `/studies/{uid}/series` never reads other studies' attributes); other study attributes match
 * through `study_key` (person names as normalised groups), series and instance attributes their
 * DICOM JSON. Results are in path order, so `offset` pages are stable.
 */
export function renderSearch(source: SearchSource, query: QidoQuery): Statement {
  const params: unknown[] = [];
  const depth = levelDepth(query.level);
  const of = (level: QueryLevel) => query.conditions.filter((c) => c.key.level === level);
  if (query.conditions.some((c) => levelDepth(c.key.level) > depth)) {
    throw new Error(`renderSearch: a condition below the ${query.level} level`);
  }
  const ctes: string[] = [];
  // A listing's rows are of indexed studies; their attributes are read for the rows returned only.
  const listing = `select h.dir_id, h.name from head_study h`;
  const studyWhere = (name: string, typed?: string) =>
    where(of('study'), 'study', typed === undefined ? 'st' : 'h', name, params, typed);
  if ('tree' in source) {
    params.push(source.tree);
    ctes.push(walk('root_walk', 'select ?::bytea as id, null::bytea as up', 'w.up'));
    ctes.push(
      `studies as (select e.child_id as dir_id, e.name, st.attrs from root_walk w ` +
        `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DIR} ` +
        `join study_index st on st.dir_id = e.child_id ` +
        `where ${studyWhere('e.name')})`,
    );
  } else if ('scope' in source) {
    // The guard is evaluated once (it does not depend on the row): in the statement's snapshot the
    // listing must still be at the commit the caller read, or nothing matches.
    params.push(source.scope, source.scope, source.commit);
    ctes.push(
      `studies as (${listing} where h.scope_id = ? ` +
        `and exists (select 1 from head_scope sc where sc.id = ? and sc.commit_id = ?) and ${studyWhere('h.name', 'h')})`,
    );
  } else {
    // The listing of the branch or tag if it is at the ref's commit, or of a commit (by its
    // listing name): at most one row, read once; its id is then a constant of every index scan.
    params.push(source.head.dataset, source.head.name);
    ctes.push(
      `target as materialized (select sc.id, sc.commit_id, sc.tree_id, coalesce(r.kind, 'commit') as kind ` +
        `from head_scope sc left join ref r on r.dataset_id = sc.dataset_id and r.name = sc.name ` +
        `where sc.dataset_id = ? and sc.name = ? ` +
        `and (r.commit_id = sc.commit_id or (r.name is null and sc.name like 'commit:%' and sc.commit_id is not null)))`,
    );
    ctes.push(`studies as (${listing} where h.scope_id = (select id from target) and ${studyWhere('h.name', 'h')})`);
  }
  if (depth >= 1) {
    ctes.push(walk('study_walk', 'select dir_id as id, dir_id as up from studies', 'w.up'));
    ctes.push(
      `series as (select e.child_id as dir_id, e.name, w.up as study_id, se.attrs from study_walk w ` +
        `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DIR} ` +
        `join series_index se on se.dir_id = e.child_id ` +
        `where ${where(of('series'), 'series', 'se', 'e.name', params)})`,
    );
  }
  if (depth >= 2) {
    ctes.push(walk('series_walk', 'select dir_id as id, dir_id as up from series', 'w.up'));
    ctes.push(
      `instances as (select e.child_id as file_id, e.name, w.up as series_id, im.attributes as attrs from series_walk w ` +
        `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DICOM} ` +
        `join instance_metadata im on im.file_id = e.child_id ` +
        `where ${where(of('instance'), 'instance', 'im', 'e.name', params)})`,
    );
  }
  const select = [
    'select s.dir_id as study_id, s.name as study_uid, ',
    'tree' in source ? 's.attrs' : '(select st.attrs from study_index st where st.dir_id = s.dir_id)',
    ' as study_attrs',
    depth >= 1 ? ', r.dir_id as series_id, r.name as series_uid, r.attrs as series_attrs' : '',
    depth >= 2 ? ', i.file_id as instance_id, i.name as instance_uid, i.attrs as instance_attrs' : '',
  ].join('');
  const from = [
    depth === 0 ? 'from studies s' : '',
    depth === 1 ? 'from series r join studies s on s.dir_id = r.study_id' : '',
    depth === 2
      ? 'from instances i join series r on r.dir_id = i.series_id join studies s on s.dir_id = r.study_id'
      : '',
  ].join('');
  // Code-point order, the order of names in the tree, whatever the database's collation.
  const names = ['s.name', depth >= 1 ? 'r.name' : '', depth >= 2 ? 'i.name' : ''].filter(Boolean);
  const order = names.map((column) => `${column} collate "C"`).join(', ');
  params.push(query.limit, query.offset);
  // Only walks recurse; a listing's study CTE stays inlinable, so its primary key can give the order.
  const recursive = depth > 0 || 'tree' in source ? 'recursive ' : '';
  const search = `${select} ${from} order by ${order} limit ? offset ?`;
  if (!('head' in source)) return { sql: `with ${recursive}${ctes.join(', ')} ${search}`, params };
  // Every row says which version it is of. No row means no match, or no current listing (or no
  // ref by that name): the caller cannot tell, and asks again carefully.
  const version = ['commit_id', 'tree_id', 'kind'].map((column) => `(select ${column} from target) as head_${column}`);
  return {
    sql: `with ${recursive}${ctes.join(', ')} ${search.replace(/^select /, `select ${version.join(', ')}, `)}`,
    params,
  };
}

/** A recursive walk from directory roots down the child-node edges of their prolly trees. */
function walk(name: string, start: string, carry: string): string {
  return (
    `${name}(id, up) as (${start} union all ` +
    `select e.child_id, ${carry} from tree_edge e join ${name} w on e.node_id = w.id where e.kind = ${EDGE_CHUNK})`
  );
}

function where(
  conditions: readonly Condition[],
  level: QueryLevel,
  alias: string,
  name: string,
  params: unknown[],
  listing?: string,
): string {
  const clauses = conditions
    .map((condition) => clause(condition, level, alias, name, params, listing))
    .filter((c) => c !== '');
  return clauses.length === 0 ? 'true' : clauses.join(' and ');
}

function clause(
  condition: Condition,
  level: QueryLevel,
  alias: string,
  name: string,
  params: unknown[],
  listing: string | undefined,
): string {
  const { key, match } = condition;
  if (match.kind === 'universal') return '';
  if (!/^[0-9A-F]{8}$/.test(key.tag)) throw new Error(`renderSearch: bad tag ${key.tag}`);
  // A level's own UID is the name of its directory entry.
  if (key.tag === UID_OF_LEVEL[level] && (match.kind === 'single' || match.kind === 'list')) {
    const values = match.kind === 'single' ? [match.value] : match.values;
    params.push(...values);
    return `${name} in (${values.map(() => '?').join(', ')})`;
  }
  const columns = HEAD_COLUMNS[key.tag];
  if (level === 'study' && listing !== undefined && columns !== undefined) {
    // A branch listing's typed columns: one B-tree each, combined by bitmap like a plain archive's.
    const tests = columns.map((column) => valueTest(match, `${listing}.${column}`, params, true));
    return tests.length === 1 ? (tests[0] as string) : `(${tests.join(' or ')})`;
  }
  if (level === 'study') {
    // Indexed: the (tag, value) pairs of study_key, in code-point order.
    params.push(key.tag);
    return `exists (select 1 from study_key k where k.dir_id = ${alias}.dir_id and k.tag = ? and ${valueTest(match, 'k.value', params, true)})`;
  }
  const source =
    key.vr === 'PN'
      ? `${alias}.search->'${key.tag}'`
      : `${alias}.${level === 'instance' ? 'attributes' : 'attrs'}->'${key.tag}'->'Value'`;
  const values = `jsonb_array_elements_text(coalesce(${source}, '[]'::jsonb)) as v(t)`;
  return `exists (select 1 from ${values} where ${valueTest(match, 'v.t', params, false)})`;
}

/** The test of one value against a match; `keyed` values are cut to STUDY_KEY_MAX_CHARS and collated "C". */
function valueTest(
  match: Exclude<Match, { kind: 'universal' }>,
  value: string,
  params: unknown[],
  keyed: boolean,
): string {
  const bound = (text: string) => (keyed ? Array.from(text).slice(0, STUDY_KEY_MAX_CHARS).join('') : text);
  switch (match.kind) {
    case 'single':
      params.push(bound(match.value));
      return `${value} = ?`;
    case 'list':
      params.push(...match.values.map(bound));
      return `${value} in (${match.values.map(() => '?').join(', ')})`;
    case 'wildcard':
      params.push(likePattern(match.pattern));
      return `${value} like ? escape '!'`;
    case 'range': {
      const tests: string[] = [];
      if (match.from !== undefined) {
        params.push(match.from);
        tests.push(`${value} >= ?`);
      }
      if (match.to !== undefined) {
        // Inclusive at the bound's precision: "-1300" keeps 13:00:59. In code-point order (keyed
        // values) a value is at most bound + U+10FFFF exactly when its prefix of the bound's length
        // is at most the bound, and that test bounds an index scan.
        if (keyed) {
          params.push(`${match.to}\u{10FFFF}`);
          tests.push(`${value} <= ?`);
        } else {
          params.push(match.to.length, match.to);
          tests.push(`left(${value}, ?) <= ?`);
        }
      }
      return tests.join(' and ');
    }
  }
}

/** A QIDO wildcard (`*`, `?`) as a LIKE pattern with `!` as its escape character. */
export function likePattern(pattern: string): string {
  return pattern
    .replace(/[!%_]/g, (c) => `!${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
