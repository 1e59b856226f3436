import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from './object-types.js';

export enum IssueStateValue {
  OPEN = 'open',
  CLOSED = 'closed',
}
registerEnumType(IssueStateValue, { name: 'IssueState' });

@ObjectType({ description: 'A label of a dataset’s issues and proposals (names unique regardless of case).' })
export class Label {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Six hex digits, without #.' })
  color!: string;

  @Field(() => String)
  description!: string;
}

@ObjectType({ description: 'An issue of a dataset, numbered from the sequence it shares with change proposals.' })
export class Issue {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => IssueStateValue)
  state!: IssueStateValue;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType({ description: 'A point (no width/height) or a rectangle, in pixels of a frame.' })
export class Region {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field(() => Float, { nullable: true })
  width!: number | null;

  @Field(() => Float, { nullable: true })
  height!: number | null;
}

@ObjectType({
  description: 'Where an anchored comment points: a commit and a study [/ series [/ instance [/ frame]]].',
})
export class CommentAnchor {
  @Field(() => ID)
  commitId!: string;

  @Field(() => String)
  studyInstanceUid!: string;

  @Field(() => String, { nullable: true })
  seriesInstanceUid!: string | null;

  @Field(() => String, { nullable: true })
  sopInstanceUid!: string | null;

  @Field(() => Int, { nullable: true, description: '1-based.' })
  frame!: number | null;

  @Field(() => Region, { nullable: true })
  region!: Region | null;
}

@ObjectType({ description: 'A comment on an issue or proposal; a deleted one stays in place with no body.' })
export class Comment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => CommentAnchor, { nullable: true })
  anchor!: CommentAnchor | null;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;

  @Field(() => Boolean)
  deleted!: boolean;
}

@ObjectType()
export class CitationAuthor {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  affiliation!: string | null;

  @Field(() => String, { nullable: true, description: 'The bare ORCID iD (0000-0002-1825-0097).' })
  orcid!: string | null;
}

@ObjectType({ description: 'How a release asks to be cited (CITATION.cff’s fields).' })
export class Citation {
  @Field(() => [CitationAuthor])
  authors!: CitationAuthor[];

  @Field(() => String)
  version!: string;

  @Field(() => String, { description: 'An SPDX license identifier.' })
  license!: string;

  @Field(() => String, { nullable: true })
  doi!: string | null;
}

@ObjectType({ description: 'A published release: an immutable tag with notes, citation and what it holds.' })
export class Release {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  tag!: string;

  @Field(() => ID)
  commitId!: string;

  @Field(() => ID, { description: 'The root tree id.' })
  treeId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  notes!: string;

  @Field(() => Citation)
  citation!: Citation;

  @Field(() => Int)
  studies!: number;

  @Field(() => Int)
  series!: number;

  @Field(() => Int)
  instances!: number;

  @Field(() => Float, { description: 'Total bytes of its files.' })
  bytes!: number;

  @Field(() => String, { description: 'The frozen DICOMweb base path: /dicomweb/{owner}/{dataset}/@{tag}.' })
  dicomwebPath!: string;

  @Field(() => String, { description: 'Where its manifest (every file with size and SHA-256) downloads from.' })
  manifestPath!: string;

  @Field(() => DateTimeISOResolver)
  createdAt!: Date;

  @Field(() => DateTimeISOResolver)
  updatedAt!: Date;
}

@ObjectType()
export class IssueConnection {
  @Field(() => [Issue])
  nodes!: Issue[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class CommentConnection {
  @Field(() => [Comment])
  nodes!: Comment[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class ReleaseConnection {
  @Field(() => [Release])
  nodes!: Release[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class RegionInput {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field(() => Float, { nullable: true })
  width?: number | null;

  @Field(() => Float, { nullable: true })
  height?: number | null;
}

@InputType({ description: 'A full commit id of the dataset and a study [/ series [/ instance [/ frame [/ region]]]].' })
export class AnchorInput {
  @Field(() => String)
  commitId!: string;

  @Field(() => String)
  studyInstanceUid!: string;

  @Field(() => String, { nullable: true })
  seriesInstanceUid?: string | null;

  @Field(() => String, { nullable: true })
  sopInstanceUid?: string | null;

  @Field(() => Int, { nullable: true })
  frame?: number | null;

  @Field(() => RegionInput, { nullable: true })
  region?: RegionInput | null;
}

@InputType()
export class CitationAuthorInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  affiliation?: string | null;

  @Field(() => String, { nullable: true })
  orcid?: string | null;
}

@InputType()
export class CitationInput {
  @Field(() => [CitationAuthorInput])
  authors!: CitationAuthorInput[];

  @Field(() => String)
  version!: string;

  @Field(() => String)
  license!: string;

  @Field(() => String, { nullable: true })
  doi?: string | null;
}
