import type { ReleaseCitation, ReleaseRecord } from '@strata/models';
import { StrataError } from '@strata/modules/errors';

const ORCID = /^(https:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/;
const SPDX = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;
const DOI = /^10\.\d{4,9}\/\S{1,200}$/;

/** A citation made canonical (ORCIDs as bare ids, trimmed names); `release.invalid_citation` otherwise. */
export function checkCitation(citation: ReleaseCitation): ReleaseCitation {
  const authors = citation.authors.map((author) => {
    const name = author.name.trim();
    const affiliation = author.affiliation?.trim();
    const orcid = author.orcid === undefined ? undefined : ORCID.exec(author.orcid.trim())?.[2];
    if (name.length === 0 || name.length > 200) invalid('authors', 'An author has a name of 1 to 200 characters.');
    if (affiliation !== undefined && affiliation.length > 300)
      invalid('authors', 'An affiliation has at most 300 characters.');
    if (author.orcid !== undefined && orcid === undefined) invalid('orcid', `${author.orcid} is not an ORCID iD.`);
    return { name, ...(affiliation ? { affiliation } : {}), ...(orcid === undefined ? {} : { orcid }) };
  });
  if (authors.length === 0 || authors.length > 100) invalid('authors', 'A release has 1 to 100 authors.');
  const version = citation.version.trim();
  if (version.length === 0 || version.length > 100) invalid('version', 'A version has 1 to 100 characters.');
  if (!SPDX.test(citation.license)) invalid('license', `${citation.license} is not an SPDX license identifier.`);
  if (citation.doi !== undefined && !DOI.test(citation.doi))
    invalid('doi', `${citation.doi} is not a DOI (10.xxxx/…).`);
  return { authors, version, license: citation.license, ...(citation.doi === undefined ? {} : { doi: citation.doi }) };
}

/** The release's citation as a CITATION.cff file (Citation File Format 1.2.0). */
export function citationCff(release: ReleaseRecord, datasetName: string, url: string): string {
  const { citation } = release;
  const lines = [
    'cff-version: 1.2.0',
    'message: If you use this dataset, please cite it as below.',
    'type: dataset',
    `title: ${yaml(release.title || datasetName)}`,
    `version: ${yaml(citation.version)}`,
    `license: ${yaml(citation.license)}`,
    `date-released: ${release.createdAt.toISOString().slice(0, 10)}`,
    `url: ${yaml(url)}`,
    ...(citation.doi === undefined ? [] : [`doi: ${yaml(citation.doi)}`]),
    'authors:',
    ...citation.authors.flatMap((author) => [
      `  - name: ${yaml(author.name)}`,
      ...(author.affiliation === undefined ? [] : [`    affiliation: ${yaml(author.affiliation)}`]),
      ...(author.orcid === undefined ? [] : [`    orcid: ${yaml(`https://orcid.org/${author.orcid}`)}`]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** A YAML scalar: JSON's double-quoted strings are valid YAML. */
function yaml(value: string): string {
  return JSON.stringify(value);
}

function invalid(field: string, message: string): never {
  throw new StrataError('release.invalid_citation', 'invalid', message, { details: { field } });
}
