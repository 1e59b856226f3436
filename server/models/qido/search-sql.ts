import type { Condition, QidoQuery, QueryLevel } from '@strata/modules/qido';
import { UID_OF_LEVEL, levelDepth } from '@strata/modules/qido';

/** A statement with `?` placeholders and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const EDGE_DIR = 1;
const EDGE_DICOM = 2;
const EDGE_CHUNK = 0;

/**
 * Renders a QIDO query at the version whose root tree is bound as the first parameter. The
 * version's studies are found by walking its root directory's nodes (`tree_edge`, kind 0 =
 * child node) to their directory entries; series and instances one and two directory levels
 * further down. Each level's conditions filter as early as they can: a level's own UID is its
 * directory name (the walk's key, so `/studies/{uid}/series` never reads other studies'
 * attributes); the other attributes match the level's `attrs` (DICOM JSON), person names the
 * normalised `search` groups. Results are in path order, so `offset` pages are stable.
 */
export function renderSearch(root: Uint8Array, query: QidoQuery): Statement {
  const params: unknown[] = [root];
  const depth = levelDepth(query.level);
  const of = (level: QueryLevel) => query.conditions.filter((c) => c.key.level === level);
  if (query.conditions.some((c) => levelDepth(c.key.level) > depth)) {
    throw new Error(`renderSearch: a condition below the ${query.level} level`);
  }
  const ctes: string[] = [walk('root_walk', 'select ?::bytea as id, null::bytea as up', 'w.up')];
  ctes.push(
    `studies as (select e.child_id as dir_id, e.name, st.attrs from root_walk w ` +
      `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DIR} ` +
      `join study_index st on st.dir_id = e.child_id ` +
      `where ${where(of('study'), 'study', 'st', params)})`,
  );
  if (depth >= 1) {
    ctes.push(walk('study_walk', 'select dir_id as id, dir_id as up from studies', 'w.up'));
    ctes.push(
      `series as (select e.child_id as dir_id, e.name, w.up as study_id, se.attrs from study_walk w ` +
        `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DIR} ` +
        `join series_index se on se.dir_id = e.child_id ` +
        `where ${where(of('series'), 'series', 'se', params)})`,
    );
  }
  if (depth >= 2) {
    ctes.push(walk('series_walk', 'select dir_id as id, dir_id as up from series', 'w.up'));
    ctes.push(
      `instances as (select e.child_id as file_id, e.name, w.up as series_id, im.attributes as attrs from series_walk w ` +
        `join tree_edge e on e.node_id = w.id and e.kind = ${EDGE_DICOM} ` +
        `join instance_metadata im on im.file_id = e.child_id ` +
        `where ${where(of('instance'), 'instance', 'im', params)})`,
    );
  }
  const select = [
    'select s.dir_id as study_id, s.name as study_uid, s.attrs as study_attrs',
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
  const order = ['s.name', depth >= 1 ? 'r.name' : '', depth >= 2 ? 'i.name' : '']
    .filter(Boolean)
    .map((column) => `${column} collate "C"`)
    .join(', ');
  params.push(query.limit, query.offset);
  return {
    sql: `with recursive ${ctes.join(', ')} ${select} ${from} order by ${order} limit ? offset ?`,
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

function where(conditions: readonly Condition[], level: QueryLevel, alias: string, params: unknown[]): string {
  const clauses = conditions.map((condition) => clause(condition, level, alias, params)).filter((c) => c !== '');
  return clauses.length === 0 ? 'true' : clauses.join(' and ');
}

function clause(condition: Condition, level: QueryLevel, alias: string, params: unknown[]): string {
  const { key, match } = condition;
  if (match.kind === 'universal') return '';
  if (!/^[0-9A-F]{8}$/.test(key.tag)) throw new Error(`renderSearch: bad tag ${key.tag}`);
  // A level's own UID is the name of its directory entry.
  if (key.tag === UID_OF_LEVEL[level] && (match.kind === 'single' || match.kind === 'list')) {
    const values = match.kind === 'single' ? [match.value] : match.values;
    params.push(...values);
    return `e.name in (${values.map(() => '?').join(', ')})`;
  }
  const source =
    key.vr === 'PN' && level !== 'instance'
      ? `${alias}.search->'${key.tag}'`
      : `${alias}.${level === 'instance' ? 'attributes' : 'attrs'}->'${key.tag}'->'Value'`;
  const values = `jsonb_array_elements_text(coalesce(${source}, '[]'::jsonb)) as v(t)`;
  let test: string;
  switch (match.kind) {
    case 'single':
      params.push(match.value);
      test = 'v.t = ?';
      break;
    case 'list':
      params.push(...match.values);
      test = `v.t in (${match.values.map(() => '?').join(', ')})`;
      break;
    case 'wildcard':
      params.push(likePattern(match.pattern));
      test = "v.t like ? escape '!'";
      break;
    case 'range': {
      const tests: string[] = [];
      if (match.from !== undefined) {
        params.push(match.from);
        tests.push('v.t >= ?');
      }
      if (match.to !== undefined) {
        // Inclusive at the bound's precision: "-1300" keeps 13:00:59.
        params.push(match.to.length, match.to);
        tests.push('left(v.t, ?) <= ?');
      }
      test = tests.join(' and ');
      break;
    }
  }
  return `exists (select 1 from ${values} where ${test})`;
}

/** A QIDO wildcard (`*`, `?`) as a LIKE pattern with `!` as its escape character. */
export function likePattern(pattern: string): string {
  return pattern
    .replace(/[!%_]/g, (c) => `!${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
